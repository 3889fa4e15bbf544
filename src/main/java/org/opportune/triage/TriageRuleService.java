package org.opportune.triage;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.mail.MailContent;
import org.opportune.mail.MailMessages;
import org.opportune.shared.Actor;
import org.opportune.triage.TriageEvents.TriageRuleChanged;
import org.opportune.triage.TriageRules.RuleEdit;

/**
 * The admin's rule editor: lists the phrase rules (shipped defaults with edits on top), checks an edited
 * or new rule, previews what it would change on the latest stored messages without saving, and saves it.
 * A saved rule applies to messages triaged from then on; stored triage is not rewritten.
 */
@Service
@Transactional
public class TriageRuleService {

    /** How many of the latest stored messages a preview classifies. */
    public static final int PREVIEW_MESSAGES = 500;
    public static final double MIN_WEIGHT = 0.01;
    public static final double MAX_WEIGHT = 1.0;
    public static final List<String> LANGUAGES = List.of("any", "en", "de", "fr", "es");
    public static final List<String> LOCATIONS = List.of("text", "subject", "attachment");
    /** Internal is decided by our own domains, never by a phrase. */
    public static final List<Category> RULE_CATEGORIES = List.of(Category.BUYING_SIGNAL, Category.SUPPORT,
            Category.SUPPLIER, Category.BULK, Category.AUTO_REPLY, Category.OTHER);

    private static final Logger log = LoggerFactory.getLogger(TriageRuleService.class);
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{2,99}");

    private final TriageStore store;
    private final TriageService triage;
    private final MailMessages messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TriageRules defaults = TriageRules.defaults();

    TriageRuleService(TriageStore store, TriageService triage, MailMessages messages, ApplicationEventPublisher events,
            Clock clock) {
        this.store = store;
        this.triage = triage;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    /** Every rule: the defaults in their shipped order (edited where an admin changed them), then added rules. */
    @Transactional(readOnly = true)
    public List<TriageRuleView> rules() {
        var edits = new LinkedHashMap<String, RuleEdit>();
        store.ruleEdits().forEach(edit -> edits.put(edit.rule().id(), edit));
        var views = new ArrayList<TriageRuleView>();
        for (var rule : defaults.all()) {
            var edit = edits.remove(rule.id());
            views.add(edit == null ? view(rule, true, TriageRuleView.Origin.DEFAULT)
                    : view(edit.rule(), edit.enabled(), TriageRuleView.Origin.EDITED));
        }
        edits.values().forEach(edit -> views.add(view(edit.rule(), edit.enabled(), TriageRuleView.Origin.ADDED)));
        return views;
    }

    @Transactional(readOnly = true)
    public Optional<TriageRuleView> rule(String id) {
        return rules().stream().filter(rule -> rule.id().equals(id)).findFirst();
    }

    /**
     * Classifies the latest {@value #PREVIEW_MESSAGES} stored messages with the current rules and with the
     * rules as they would be after this edit, and lists the messages whose category would change. Saves nothing.
     *
     * @throws TriageRuleException when the rule is not valid
     */
    @Transactional(readOnly = true)
    public TriageRulePreview preview(TriageRuleCommand command) {
        var edit = check(command);
        var current = store.ruleEdits();
        var edited = new ArrayList<RuleEdit>();
        current.stream().filter(e -> !e.rule().id().equals(edit.rule().id())).forEach(edited::add);
        edited.add(edit);
        var before = new TriageClassifier(defaults.with(current));
        var after = new TriageClassifier(defaults.with(edited));
        var ownDomains = triage.ownDomains(Set.of());
        var examined = 0;
        var overridden = 0;
        var changes = new ArrayList<TriageRulePreview.Change>();
        for (var stored : store.latest(PREVIEW_MESSAGES)) {
            if (stored.overridden()) {
                overridden++;
                continue;
            }
            var mail = read(stored.messageId());
            if (mail == null) {
                continue;
            }
            var override = store.senderOverride(mail.fromAddress()).orElse(null);
            var input = TriageInputs.from(mail, ownDomains, Relationship.UNKNOWN, override);
            var was = before.classify(input);
            var would = after.classify(input);
            examined++;
            if (was.category() != would.category()) {
                changes.add(new TriageRulePreview.Change(stored.messageId(), mail.subject(), mail.fromAddress(),
                        was.category(), would.category(), would.explanation()));
            }
        }
        return new TriageRulePreview(examined, overridden, changes);
    }

    /**
     * Saves an edited or new rule; messages triaged from now on use it. Recorded in the activity trail with the
     * rule before and after.
     *
     * @throws TriageRuleException when the rule is not valid
     */
    public TriageRuleView save(Actor actor, TriageRuleCommand command) {
        var edit = check(command);
        var before = rule(edit.rule().id());
        store.saveRule(edit, actor.name(), clock.instant());
        var after = rule(edit.rule().id()).orElseThrow();
        final Map<String, Object> previous = before.map(TriageRuleService::fields).orElse(Map.of());
        Map<String, Object> was = previous;
        Map<String, Object> now = fields(after);
        if (!previous.isEmpty()) {
            // only what changed, as everywhere in the trail
            var changedBefore = new LinkedHashMap<String, Object>();
            var changedAfter = new LinkedHashMap<String, Object>();
            now.forEach((field, value) -> {
                if (!value.equals(previous.get(field))) {
                    changedBefore.put(field, previous.get(field));
                    changedAfter.put(field, value);
                }
            });
            if (changedAfter.isEmpty()) {
                return after;
            }
            was = changedBefore;
            now = changedAfter;
        }
        events.publishEvent(new TriageRuleChanged(actor, after.id(), was, now));
        return after;
    }

    private RuleEdit check(TriageRuleCommand command) {
        var errors = new LinkedHashMap<String, String>();
        var id = command.id().strip();
        var exists = rule(id).isPresent();
        if (!RULE_ID.matcher(id).matches()) {
            errors.put("id", "Use 3 to 100 lower-case letters, digits, dots, dashes or underscores, such as buying.tender.en.");
        } else if (command.isNew() && exists) {
            errors.put("id", "A rule with this id exists already: edit that one, or choose another id.");
        } else if (!command.isNew() && !exists) {
            errors.put("id", "There is no rule with this id.");
        }
        if (command.category() == null || !RULE_CATEGORIES.contains(command.category())) {
            errors.put("category", "Choose one of the categories.");
        }
        if (!LANGUAGES.contains(command.language())) {
            errors.put("language", "Choose one of " + String.join(", ", LANGUAGES) + ".");
        }
        if (!LOCATIONS.contains(command.where())) {
            errors.put("where", "Choose one of " + String.join(", ", LOCATIONS) + ".");
        }
        if (command.kind().isBlank() || command.kind().length() > 200) {
            errors.put("kind", "Say in a few words what the rule recognises, such as 'asks for a quote' (at most 200 characters).");
        }
        if (!(command.weight() >= MIN_WEIGHT && command.weight() <= MAX_WEIGHT)) {
            errors.put("weight", "Enter a weight from " + MIN_WEIGHT + " to " + MAX_WEIGHT + ".");
        }
        var pattern = command.pattern().strip();
        if (pattern.isEmpty() || pattern.length() > 4000) {
            errors.put("pattern", "Enter a regular expression of at most 4000 characters.");
        } else {
            try {
                if (Pattern.compile(pattern, TriageRule.FLAGS).matcher("").matches()) {
                    errors.put("pattern", "The pattern matches an empty text, so it would match every message.");
                }
            } catch (PatternSyntaxException e) {
                errors.put("pattern", "This is not a valid regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near position " + e.getIndex() : "") + ".");
            }
        }
        if (!errors.isEmpty()) {
            throw TriageRuleException.of(errors);
        }
        var rule = TriageRule.of(id, command.category(), command.language(), command.where(), command.kind().strip(),
                Math.round(command.weight() * 1000) / 1000.0, pattern, command.negatable());
        return new RuleEdit(rule, command.enabled());
    }

    private @org.jspecify.annotations.Nullable MailContent read(long messageId) {
        try (var raw = messages.raw(messageId)) {
            return messages.parse(raw.readAllBytes());
        } catch (IOException | RuntimeException e) {
            log.warn("Message {} left out of the rule preview: {}", messageId, e.toString());
            return null;
        }
    }

    private static TriageRuleView view(TriageRule rule, boolean enabled, TriageRuleView.Origin origin) {
        return new TriageRuleView(rule.id(), rule.category(), rule.language(), rule.where(), rule.kind(), rule.weight(),
                rule.pattern(), rule.negatable(), enabled, origin);
    }

    private static Map<String, Object> fields(TriageRuleView rule) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("category", rule.category().label());
        fields.put("language", rule.language());
        fields.put("where", rule.where());
        fields.put("kind", rule.kind());
        fields.put("weight", rule.weight());
        fields.put("pattern", rule.pattern());
        fields.put("negatable", rule.negatable());
        fields.put("enabled", rule.enabled());
        return fields;
    }
}
