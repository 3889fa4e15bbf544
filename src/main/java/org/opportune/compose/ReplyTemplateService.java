package org.opportune.compose;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.compose.ComposeEvents.ReplyTemplateChanged;
import org.opportune.compose.ComposeEvents.ReplyTemplateCreated;
import org.opportune.compose.ComposeEvents.ReplyTemplateDeleted;
import org.opportune.shared.Actor;

/**
 * The team's reply templates: admins write them (every change is in the activity trail), everyone who
 * replies picks one, and it is filled in from the conversation. A template with a variable we do not
 * know is refused when saved. Who may change templates is checked by the web layer
 * ({@code ADMINISTER}), as for the other admin pages.
 */
@Service
@Transactional
public class ReplyTemplateService {

    public static final int MAX_NAME = 100;
    public static final int MAX_SUBJECT = 998;
    public static final int MAX_BODY = 20_000;

    private final ReplyTemplateStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ReplyTemplateService(ReplyTemplateStore store, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Every template, by name. */
    @Transactional(readOnly = true)
    public List<ReplyTemplateView> templates() {
        return store.all();
    }

    /** @throws ReplyTemplateNotFoundException when there is no such template */
    @Transactional(readOnly = true)
    public ReplyTemplateView template(long id) {
        return store.find(id).orElseThrow(() -> ReplyTemplateNotFoundException.forId(id));
    }

    /** @throws ReplyTemplateException when a field is missing, too long, or the text uses an unknown variable */
    public ReplyTemplateView create(Actor actor, ReplyTemplateCommand command) {
        var clean = check(command, null);
        long id;
        try {
            id = store.insert(clean.name(), clean.subject(), clean.body(), actor.name(), clock.instant());
        } catch (DuplicateKeyException e) {
            throw nameTaken();
        }
        events.publishEvent(new ReplyTemplateCreated(actor, id, clean.name(), clean.subject(), clean.body()));
        return template(id);
    }

    /** @throws ReplyTemplateException when a field is missing, too long, or the text uses an unknown variable */
    public ReplyTemplateView update(Actor actor, long id, ReplyTemplateCommand command) {
        var before = template(id);
        var clean = check(command, id);
        try {
            store.update(id, clean.name(), clean.subject(), clean.body(), actor.name(), clock.instant());
        } catch (DuplicateKeyException e) {
            throw nameTaken();
        }
        var was = ComposeEvents.fields(before.name(), before.subject(), before.body());
        var now = ComposeEvents.fields(clean.name(), clean.subject(), clean.body());
        var changedBefore = new LinkedHashMap<String, Object>();
        var changedAfter = new LinkedHashMap<String, Object>();
        now.forEach((field, value) -> {
            if (!value.equals(was.get(field))) {
                changedBefore.put(field, was.get(field));
                changedAfter.put(field, value);
            }
        });
        if (!changedAfter.isEmpty()) {
            events.publishEvent(new ReplyTemplateChanged(actor, id, changedBefore, changedAfter));
        }
        return template(id);
    }

    /** @throws ReplyTemplateNotFoundException when there is no such template */
    public ReplyTemplateView delete(Actor actor, long id) {
        var before = template(id);
        store.delete(id);
        events.publishEvent(new ReplyTemplateDeleted(actor, id, before.name(), before.subject(), before.body()));
        return before;
    }

    /**
     * The template filled in with the conversation's values; a missing value becomes its stand-in
     * ({@link TemplateVariable#fallback()}).
     *
     * @throws ReplyTemplateNotFoundException when there is no such template
     */
    @Transactional(readOnly = true)
    public RenderedTemplate render(long id, ReplyValues values) {
        var template = template(id);
        var subject = template.subject() == null ? null : TemplateText.render(template.subject(), values);
        return new RenderedTemplate(id, template.name(), subject, TemplateText.render(template.body(), values));
    }

    private ReplyTemplateCommand check(ReplyTemplateCommand command, @Nullable Long id) {
        var errors = new LinkedHashMap<String, String>();
        var name = command.name() == null ? "" : command.name().strip();
        var subject = command.subject() == null || command.subject().isBlank() ? null : command.subject().strip();
        var body = command.body() == null ? "" : command.body().replace("\r\n", "\n").stripTrailing();
        if (name.isEmpty()) {
            errors.put("name", "Give the template a name the team will recognise in the picker.");
        } else if (name.length() > MAX_NAME) {
            errors.put("name", "The name is too long (at most " + MAX_NAME + " characters).");
        } else if (store.idByName(name).filter(other -> !other.equals(id)).isPresent()) {
            errors.put("name", nameTakenMessage());
        }
        if (subject != null) {
            if (subject.length() > MAX_SUBJECT) {
                errors.put("subject", "The subject is too long (at most " + MAX_SUBJECT + " characters).");
            } else if (subject.contains("\n") || subject.contains("\r")) {
                errors.put("subject", "A subject is one line.");
            } else {
                TemplateText.problems(subject).stream().findFirst().ifPresent(problem -> errors.put("subject", problem));
            }
        }
        if (body.isBlank()) {
            errors.put("body", "Write the text of the template.");
        } else if (body.length() > MAX_BODY) {
            errors.put("body", "The text is too long (at most " + MAX_BODY + " characters).");
        } else {
            var problems = TemplateText.problems(body);
            if (!problems.isEmpty()) {
                errors.put("body", String.join(" ", problems));
            }
        }
        if (!errors.isEmpty()) {
            throw ReplyTemplateException.of(errors);
        }
        return new ReplyTemplateCommand(name, subject, body);
    }

    private static ReplyTemplateException nameTaken() {
        return ReplyTemplateException.of(Map.of("name", nameTakenMessage()));
    }

    private static String nameTakenMessage() {
        return "A template with this name exists already: edit that one, or choose another name.";
    }
}
