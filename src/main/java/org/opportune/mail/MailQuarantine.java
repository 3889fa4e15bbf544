package org.opportune.mail;

import java.io.InputStream;
import java.time.Clock;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.mail.internal.BlobStore;
import org.opportune.mail.internal.QuarantineStore;
import org.opportune.shared.Actor;

/**
 * Messages that could not be stored: listed for admins with the reason, downloadable as the raw
 * file and retried through ingestion. Downloads and retries are {@link org.opportune.shared.Audited}.
 */
@Service
public class MailQuarantine {

    private static final int LIST_LIMIT = 500;

    private final QuarantineStore store;
    private final BlobStore blobs;
    private final MailIngestion ingestion;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MailQuarantine(QuarantineStore store, BlobStore blobs, MailIngestion ingestion, ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.store = store;
        this.blobs = blobs;
        this.ingestion = ingestion;
        this.events = events;
        this.clock = clock;
    }

    /** Open ones first, then the latest retried ones. */
    @Transactional(readOnly = true)
    public List<QuarantinedMessageView> messages() {
        return store.list(LIST_LIMIT).stream().map(MailQuarantine::view).toList();
    }

    @Transactional(readOnly = true)
    public QuarantinedMessageView message(long id) {
        return store.find(id).map(MailQuarantine::view).orElseThrow(() -> MessageNotFoundException.forId("quarantined message", id));
    }

    /** Parks a raw message that a caller (such as a sync that could not fetch it whole) cannot ingest. */
    @Transactional
    public long quarantine(IngestSource source, byte[] raw, String reason) {
        return store.park(source, blobs.put(raw), raw.length, reason, clock.instant());
    }

    /** The raw bytes of a quarantined message; the caller closes the stream. */
    @Transactional
    public InputStream raw(Actor actor, long id) {
        var row = store.find(id).orElseThrow(() -> MessageNotFoundException.forId("quarantined message", id));
        events.publishEvent(new MailEvents.QuarantinedMessageDownloaded(actor, id));
        return blobs.open(row.rawBlobKey());
    }

    /**
     * Runs the message through ingestion again (after a limit was raised or a bug fixed). Stored now:
     * marked RETRIED with the message id. Quarantined again: stays open with the new reason.
     * Not one transaction: ingestion commits on its own, exactly as for new mail.
     */
    public IngestResult retry(Actor actor, long id) {
        var row = store.find(id).orElseThrow(() -> MessageNotFoundException.forId("quarantined message", id));
        byte[] raw;
        try (var in = blobs.open(row.rawBlobKey())) {
            raw = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var result = ingestion.ingest(row.source(), raw);
        transactions.executeWithoutResult(status -> {
            if (result.messageId() != null) {
                store.markRetried(id, result.messageId(), clock.instant());
            }
            events.publishEvent(new MailEvents.QuarantinedMessageRetried(actor, id, result.outcome(), result.messageId(),
                    result.reason()));
        });
        return result;
    }

    private static QuarantinedMessageView view(QuarantineStore.Row row) {
        return new QuarantinedMessageView(row.id(), row.mailboxAddress(), row.origin(), row.reason(), row.quarantinedAt(),
                row.rawSize(), row.status().name(), row.resolvedMessageId());
    }
}
