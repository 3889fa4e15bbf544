package org.opportune.mail;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.mail.OutboxEvents.ReplyQueued;
import org.opportune.mail.OutboxEvents.ReplyRetried;
import org.opportune.mail.OutboxEvents.SentCopyRetried;
import org.opportune.mail.internal.BlobStore;
import org.opportune.mail.internal.OutboxStore;
import org.opportune.mail.internal.OutgoingMessages;
import org.opportune.shared.Actor;

/**
 * Sending mail from a shared mailbox. {@link #queue} builds the message once, keeps its bytes, stores
 * it in the thread at once (as ingestion stores any message, so threading and "waiting on us" follow)
 * and leaves the sending to the outbox sender, which retries with backoff. A message that fails for
 * good stays, with its reason, until someone retries it: a reply is never lost.
 */
@Service
@Transactional
public class Outbox {

    private static final int MAX_SUBJECT = 998;

    private final OutboxStore store;
    private final BlobStore blobs;
    private final MailboxService mailboxes;
    private final MailIngestion ingestion;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final OutboxProperties properties;

    Outbox(OutboxStore store, BlobStore blobs, MailboxService mailboxes, MailIngestion ingestion,
            ApplicationEventPublisher events, Clock clock, OutboxProperties properties) {
        this.properties = properties;
        this.store = store;
        this.blobs = blobs;
        this.mailboxes = mailboxes;
        this.ingestion = ingestion;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Queues a message for sending and stores it in the thread.
     *
     * @throws OutboxRuleException when a recipient, the subject or the text is missing or not valid, or the
     *                             attachments add up to more than {@code opportune.mail.outbox.max-attachment-size}
     */
    public OutboxEntry queue(Actor actor, OutgoingMail mail) {
        var mailbox = mailboxes.mailbox(mail.mailboxId());
        var errors = new LinkedHashMap<String, String>();
        if (mail.to().isEmpty() || mail.to().stream().allMatch(String::isBlank)) {
            errors.put("to", "Add at least one recipient.");
        }
        if (mail.subject().isBlank()) {
            errors.put("subject", "Add a subject.");
        } else if (mail.subject().length() > MAX_SUBJECT) {
            errors.put("subject", "The subject is too long (at most " + MAX_SUBJECT + " characters).");
        }
        if (mail.text().isBlank()) {
            errors.put("text", "Write the message first.");
        }
        var attached = mail.attachments().stream().mapToLong(a -> a.content().length).sum();
        if (attached > properties.maxAttachmentSize().toBytes()) {
            errors.put("files", "The attachments add up to " + megabytes(attached) + "; a reply may carry at most "
                    + megabytes(properties.maxAttachmentSize().toBytes()) + ". Attach fewer or smaller files, or share a link.");
        }
        if (!errors.isEmpty()) {
            throw new OutboxRuleException(errors);
        }
        OutgoingMessages.Built built;
        try {
            built = OutgoingMessages.build(mail, mailbox.address(), clock.instant());
        } catch (AddressException e) {
            throw new OutboxRuleException(Map.of("to", "\"" + e.getRef() + "\" is not an email address."));
        } catch (MessagingException e) {
            throw new OutboxRuleException(Map.of("text", "The message could not be built: " + e.getMessage()));
        }
        var recipients = Stream.concat(mail.to().stream(), mail.cc().stream()).map(String::strip)
                .collect(Collectors.joining(", "));
        var key = blobs.put(built.raw());
        var id = store.insert(mailbox.id(), built.messageIdHeader(), key, recipients, mail.subject().strip(),
                actor.userId(), actor.name(), clock.instant());
        var stored = ingestion.ingest(IngestSource.imported(mailbox.id(), "outbox:" + id), built.raw());
        if (stored.messageId() != null) {
            store.linkMessage(id, stored.messageId());
        }
        events.publishEvent(new ReplyQueued(actor, id, mailbox.id(), recipients, mail.subject().strip()));
        return store.find(id).orElseThrow();
    }

    /** The most a reply's attachments may add up to, in bytes. */
    @Transactional(readOnly = true)
    public long maxAttachmentBytes() {
        return properties.maxAttachmentSize().toBytes();
    }

    /** The name the customer sees on a reply from this person and mailbox, such as "Anna at Sales" (configurable). */
    public String senderName(String personName, String mailboxName) {
        return properties.senderName(personName, mailboxName);
    }

    /** "1.5 MB": for people, one decimal. */
    public static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /**
     * Sends a failed message again, now; or, for a sent one whose copy in the Sent folder was given up,
     * tries that copy again (never the sending). A message that did not fail is left alone.
     */
    public OutboxEntry retry(Actor actor, long outboxId) {
        var entry = entry(outboxId);
        if (store.requeue(outboxId, clock.instant())) {
            events.publishEvent(new ReplyRetried(actor, outboxId));
        } else if (store.requeueAppend(outboxId, clock.instant())) {
            events.publishEvent(new SentCopyRetried(actor, outboxId));
        }
        return store.find(entry.id()).orElseThrow();
    }

    @Transactional(readOnly = true)
    public OutboxEntry entry(long outboxId) {
        return store.find(outboxId).orElseThrow(() -> MessageNotFoundException.forId("outgoing message", outboxId));
    }

    /** The outbox entries of these stored messages, by message id: what the thread shows as queued, sent or failed. */
    @Transactional(readOnly = true)
    public Map<Long, OutboxEntry> forMessages(Collection<Long> messageIds) {
        return store.forMessages(messageIds).stream().filter(e -> e.messageId() != null)
                .collect(Collectors.toMap(OutboxEntry::messageId, Function.identity(), (a, b) -> a));
    }
}
