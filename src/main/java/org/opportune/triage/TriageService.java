package org.opportune.triage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.ArrayList;
import java.util.List;
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
     * @return the stored result, or empty when it was triaged before
     */
    public Optional<TriageResult> classifyStored(long messageId) {
        var result = classifyStored(messageId, ownDomains(Set.of()), classifier());
        result.ifPresent(r -> events.publishEvent(new MessageTriaged(messageId, r.category())));
        return result;
    }

    /**
     * {@link #classifyStored} for many messages (a batch of an import) in one transaction, with our
     * domains and the rules read once; publishes one {@link MessagesTriaged} for them.
     *
     * @return how many were classified now (the others had a triage already)
     */
    public int classifyAllStored(List<Long> messageIds) {
        var domains = ownDomains(Set.of());
        var classifier = classifier();
        var triaged = new ArrayList<MessageTriaged>();
        for (var messageId : messageIds) {
            classifyStored(messageId, domains, classifier)
                    .ifPresent(result -> triaged.add(new MessageTriaged(messageId, result.category())));
        }
        if (!triaged.isEmpty()) {
            events.publishEvent(new MessagesTriaged(triaged));
        }
        return triaged.size();
    }

    private Optional<TriageResult> classifyStored(long messageId, Set<String> ownDomains, TriageClassifier classifier) {
        if (store.exists(messageId)) {
            return Optional.empty();
        }
        MailContent mail;
        try (var raw = messages.raw(messageId)) {
            mail = messages.parse(raw.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var override = store.senderOverride(mail.fromAddress()).orElse(null);
        var result = classifier.classify(TriageInputs.from(mail, ownDomains, relationshipOf(mail.fromAddress()), override));
        store.insert(messageId, result, clock.instant());
        if (result.category() == Category.BUYING_SIGNAL) {
            events.publishEvent(new BuyingSignalDetected(messageId, result.explanation()));
        }
        log.debug("Message {} triaged as {} ({})", messageId, result.category().label(), result.confidence());
        return Optional.of(result);
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
