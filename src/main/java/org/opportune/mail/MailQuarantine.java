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
 * file, retried through ingestion, or dismissed with a reason (the raw file is kept; a dismissal can
 * be undone or the message retried later). Downloads, retries and dismissals are
 * {@link org.opportune.shared.Audited}.
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

    /** Open ones first, then dismissed ones, then the latest retried ones. */
    @Transactional(readOnly = true)
    public List<QuarantinedMessageView> messages() {
        return store.list(LIST_LIMIT).stream().map(MailQuarantine::view).toList();
    }

    @Transactional(readOnly = true)
    public QuarantinedMessageView message(long id) {
        return store.find(id).map(MailQuarantine::view).orElseThrow(() -> MessageNotFoundException.forId("quarantined message", id));
    }

    /** How many wait for an admin: neither stored since nor dismissed. */
    @Transactional(readOnly = true)
    public long openCount() {
        return store.countOpen();
    }

    /**
     * Sets an open message aside, with the admin's reason, so the open list can reach zero. The raw
     * message is kept; the same message quarantined again (an import run twice) stays dismissed.
     *
     * @return false when it was not open (already dismissed or stored meanwhile): nothing changed
     */
    @Transactional
    public boolean dismiss(Actor actor, long id, String reason) {
        var row = store.find(id).orElseThrow(() -> MessageNotFoundException.forId("quarantined message", id));
        var why = reason.strip();
        if (why.isEmpty()) {
            throw new IllegalArgumentException("A dismissal needs a reason");
        }
        if (!store.dismiss(id, why, actor.name(), clock.instant())) {
            return false;
        }
        events.publishEvent(new MailEvents.QuarantinedMessageDismissed(actor, id, row.reason(), why));
        return true;
    }

    /**
     * Undoes a dismissal: the message is open again.
     *
     * @return false when it was not dismissed: nothing changed
     */
    @Transactional
    public boolean reopen(Actor actor, long id) {
        var row = store.find(id).orElseThrow(() -> MessageNotFoundException.forId("quarantined message", id));
        if (!store.reopen(id)) {
            return false;
        }
        events.publishEvent(new MailEvents.QuarantinedMessageReopened(actor, id,
                row.dismissReason() == null ? "" : row.dismissReason()));
        return true;
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
     * marked RETRIED with the message id. Quarantined again: stays open (or dismissed) with the new reason.
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
            events.publishEvent(new MailEvents.QuarantinedMessageRetried(actor, id, row.status().name(), result.outcome(),
                    result.messageId(), result.reason()));
        });
        return result;
    }

    private static QuarantinedMessageView view(QuarantineStore.Row row) {
        return new QuarantinedMessageView(row.id(), row.mailboxAddress(), row.origin(), row.reason(), row.quarantinedAt(),
                row.rawSize(), row.status().name(), row.resolvedMessageId(), row.dismissReason(), row.dismissedBy(),
                row.dismissedAt());
    }
}
