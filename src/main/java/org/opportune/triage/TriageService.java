package org.opportune.triage;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.customer.CustomerService;
import org.opportune.mail.MailContent;
import org.opportune.mail.MailMessages;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MailboxView;
import org.opportune.triage.TriageEvents.TriageOverridden;
import org.opportune.shared.Actor;

/**
 * Triage of messages: classify a stored message once, read its triage, let a person override it
 * (optionally for every later message of the sender), and classify mail that is not stored (the jar command).
 */
@Service
@Transactional
public class TriageService {

    private static final Logger log = LoggerFactory.getLogger(TriageService.class);

    private final TriageStore store;
    private final MailMessages messages;
    private final MailboxService mailboxes;
    private final CustomerService customers;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TriageRules defaults = TriageRules.defaults();

    TriageService(TriageStore store, MailMessages messages, MailboxService mailboxes, CustomerService customers,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.messages = messages;
        this.mailboxes = mailboxes;
        this.customers = customers;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<TriageView> triage(long messageId) {
        return store.find(messageId);
    }

    /** The domains of our shared mailboxes plus {@code extra}, lower case. */
    @Transactional(readOnly = true)
    public Set<String> ownDomains(Set<String> extra) {
        var domains = new LinkedHashSet<String>();
        extra.forEach(d -> domains.add(d.strip().toLowerCase(java.util.Locale.ROOT)));
        mailboxes.mailboxes().stream().map(MailboxView::domain).forEach(domains::add);
        return domains;
    }

    /**
     * Classifies a message that is not stored, with the current rules, sender overrides and what the
     * customer records say the sender is to us.
     */
    @Transactional(readOnly = true)
    public TriageResult classify(MailContent mail, Set<String> ownDomains) {
        var override = store.senderOverride(mail.fromAddress()).orElse(null);
        return classifier().classify(TriageInputs.from(mail, ownDomains, relationshipOf(mail.fromAddress()), override));
    }

    private Relationship relationshipOf(String sender) {
        if (sender.isBlank()) {
            return Relationship.UNKNOWN;
        }
        return customers.relationshipOf(sender).map(TriageService::relationship).orElse(Relationship.UNKNOWN);
    }

    /** The customer module's relationship in triage's terms. */
    static Relationship relationship(org.opportune.customer.Relationship relationship) {
        return switch (relationship) {
            case PROSPECT -> Relationship.PROSPECT;
            case CUSTOMER -> Relationship.CUSTOMER;
            case SUPPLIER -> Relationship.SUPPLIER;
            case PARTNER -> Relationship.PARTNER;
            case OTHER -> Relationship.OTHER;
        };
    }

    /**
     * Classifies a stored message and stores the result, once: a message that already has a triage is
     * left alone. Publishes {@link BuyingSignalDetected} for a buying signal.
     *
     * @return the stored result, or empty when it was triaged before or is not stored
     */
    public Optional<TriageResult> classifyStored(long messageId) {
        var result = Optional.ofNullable(classifyStored(List.of(messageId)).get(messageId));
        result.ifPresent(r -> events.publishEvent(new MessageTriaged(messageId, r.category())));
        return result;
    }

    /**
     * {@link #classifyStored} for many messages (a batch of an import) in one transaction, with our
     * domains, the rules, the messages and what they already have read once; publishes one
     * {@link MessagesTriaged} for them.
     *
     * @return how many were classified now (the others had a triage already)
     */
    public int classifyAllStored(List<Long> messageIds) {
        var triaged = new ArrayList<MessageTriaged>();
        classifyStored(messageIds).forEach((messageId, result) -> triaged.add(new MessageTriaged(messageId, result.category())));
        if (!triaged.isEmpty()) {
            events.publishEvent(new MessagesTriaged(triaged));
        }
        return triaged.size();
    }

    /**
     * Classifies those of the messages that have no triage yet, from what ingestion stored (no second
     * parse of the raw message), and stores the results with one batch of inserts.
     *
     * @return the new results by message id, in the order of {@code messageIds}
     */
    private Map<Long, TriageResult> classifyStored(List<Long> messageIds) {
        var done = store.triagedAmong(messageIds);
        var todo = messageIds.stream().distinct().filter(id -> !done.contains(id)).toList();
        var results = new LinkedHashMap<Long, TriageResult>();
        if (todo.isEmpty()) {
            return results;
        }
        var domains = ownDomains(Set.of());
        var classifier = classifier();
        var contents = messages.contents(todo);
        var overrides = new HashMap<String, Optional<Category>>();
        var relationships = new HashMap<String, Relationship>();
        for (var messageId : todo) {
            var mail = contents.get(messageId);
            if (mail == null) {
                // Events are published with the stored message, so this one is gone (or never was): nothing to triage,
                // and failing would only have the delivery retried for hours.
                log.warn("Message {} is not stored: not triaged", messageId);
                continue;
            }
            var sender = mail.fromAddress();
            var override = overrides.computeIfAbsent(sender, store::senderOverride).orElse(null);
            var relationship = relationships.computeIfAbsent(sender, this::relationshipOf);
            var result = classifier.classify(TriageInputs.from(mail, domains, relationship, override));
            results.put(messageId, result);
            log.debug("Message {} triaged as {} ({})", messageId, result.category().label(), result.confidence());
        }
        store.insertAll(results, clock.instant());
        results.forEach((messageId, result) -> {
            if (result.category() == Category.BUYING_SIGNAL) {
                events.publishEvent(new BuyingSignalDetected(messageId, result.explanation()));
            }
        });
        return results;
    }

    /**
     * A person sets the category of a message; with {@code rememberForSender} every later message of its
     * sender gets that category too.
     *
     * @throws TriageNotFoundException when the message has not been triaged yet
     */
    public TriageView override(Actor actor, long messageId, Category category, boolean rememberForSender) {
        var before = store.find(messageId).orElseThrow(() -> TriageNotFoundException.forMessage(messageId));
        var sender = messages.message(messageId).map(m -> m.fromAddress()).orElse("");
        var now = clock.instant();
        store.override(messageId, category, actor.name(), now);
        var remember = rememberForSender && !sender.isBlank();
        if (remember) {
            store.rememberSender(sender, category, actor.name(), now);
        }
        events.publishEvent(new TriageOverridden(actor, messageId, before.category(), category, sender, remember));
        events.publishEvent(new MessageTriaged(messageId, category));
        return store.find(messageId).orElseThrow();
    }

    private TriageClassifier classifier() {
        var edits = store.ruleEdits();
        return new TriageClassifier(edits.isEmpty() ? defaults : defaults.with(edits));
    }
}
