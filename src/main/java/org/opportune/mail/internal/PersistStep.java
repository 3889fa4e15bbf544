package org.opportune.mail.internal;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.mail.IngestResult;
import org.opportune.mail.IngestResult.Outcome;
import org.opportune.mail.MessageReceived;

/**
 * One transaction: a new message with its addresses, attachments and mailbox link, and
 * {@link MessageReceived} (kept by the event publication registry in the same transaction); or, for
 * a duplicate, only the link to this mailbox. When another thread or node stores the same message
 * at the same moment, the unique keys turn the loser into a duplicate.
 */
final class PersistStep implements IngestionStep {

    private final MessageStore messages;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PersistStep(MessageStore messages, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.messages = messages;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void apply(Ingestion ingestion) {
        if (ingestion.existingMessageId == null) {
            try {
                ingestion.finish(transactions.execute(status -> storeNew(ingestion)));
                return;
            } catch (DuplicateKeyException e) {
                ingestion.existingMessageId = messages.findByDedupeKey(dedupeKey(ingestion)).orElse(null);
                if (ingestion.existingMessageId == null) {
                    // the (mailbox, folder, UIDVALIDITY, UID) key was taken: another node stored this UID
                    var byUid = messages.findByUid(ingestion.source);
                    if (byUid.isPresent()) {
                        ingestion.finish(new IngestResult(Outcome.DUPLICATE, byUid.get(), null));
                        return;
                    }
                    throw e;
                }
            }
        }
        ingestion.finish(linkExisting(ingestion, ingestion.existingMessageId));
    }

    private IngestResult storeNew(Ingestion ingestion) {
        var parsed = ingestion.parsed();
        var rawBlobKey = ingestion.rawBlobKey;
        if (rawBlobKey == null) {
            throw new IllegalStateException("raw message not stored yet");
        }
        var id = messages.insertMessage(parsed, dedupeKey(ingestion), rawBlobKey, ingestion.raw.length, ingestion.receivedAt);
        messages.indexForSearch(id);
        messages.insertAddresses(id, parsed.addresses());
        messages.insertAttachments(id, parsed.attachments(), ingestion.attachmentBlobKeys);
        messages.link(id, ingestion.source, clock.instant());
        events.publishEvent(new MessageReceived(id, parsed.messageId(), parsed.inReplyTo(), parsed.references(),
                parsed.subject(), parsed.fromAddress(), parsed.fromName(), parsed.participants(), parsed.sentAt(),
                ingestion.source.mailboxId()));
        return new IngestResult(Outcome.NEW, id, null);
    }

    private IngestResult linkExisting(Ingestion ingestion, long messageId) {
        try {
            transactions.executeWithoutResult(status -> {
                if (!messages.isLinked(messageId, ingestion.source)) {
                    messages.link(messageId, ingestion.source, clock.instant());
                }
            });
        } catch (DuplicateKeyException e) {
            // linked by a concurrent ingest of the same message into the same mailbox: nothing left to do
        }
        return new IngestResult(Outcome.DUPLICATE, messageId, null);
    }

    private static String dedupeKey(Ingestion ingestion) {
        if (ingestion.dedupeKey == null) {
            throw new IllegalStateException("not deduplicated yet");
        }
        return ingestion.dedupeKey;
    }
}
