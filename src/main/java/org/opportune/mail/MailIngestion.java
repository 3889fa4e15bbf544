package org.opportune.mail;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import org.opportune.mail.internal.IngestionPipeline;
import org.opportune.mail.internal.MessageStore;

/**
 * The one way a raw message enters Opportune, from IMAP sync and from imports alike:
 * {@code ingest(source, raw)} stores the raw bytes once, parses them, links the message to the
 * mailbox and publishes {@link MessageReceived} for a new message; a message that cannot be stored
 * is quarantined with its reason, never dropped.
 */
@Service
public class MailIngestion {

    private static final Logger log = LoggerFactory.getLogger(MailIngestion.class);

    private final IngestionPipeline pipeline;
    private final MessageStore store;

    MailIngestion(IngestionPipeline pipeline, MessageStore store) {
        this.pipeline = pipeline;
        this.store = store;
    }

    /** Messages an import must have stored before it refreshes the planner statistics at its end. */
    static final int REFRESH_STATISTICS_AFTER = 1000;

    /** Told by an import when it has stored its last batch, before its follow-up work starts. */
    void importEnded(int newMessages) {
        if (newMessages >= REFRESH_STATISTICS_AFTER) {
            try {
                store.refreshStatistics();
            } catch (RuntimeException e) {
                // only planner statistics: everything is stored, and autovacuum refreshes them later anyway
                log.warn("Could not refresh the mail tables' statistics after an import: {}", e.toString());
            }
        }
    }

    /**
     * Ingests one raw RFC 5322 message; idempotent for the same source and the same content.
     * Throws only when the database or the blob store is unavailable (retry later then).
     */
    public IngestResult ingest(IngestSource source, byte[] raw) {
        return pipeline.ingest(source, raw);
    }

    /**
     * Ingests many messages at once, with the same outcome for each as {@link #ingest} one by one in
     * that order (a repeat within the batch is a duplicate of the first), but parsed in parallel and
     * stored in one transaction: the fast path for imports. A bad message is quarantined without
     * failing the others.
     *
     * @return one result per message, in order
     */
    public List<IngestResult> ingestAll(List<IncomingMessage> messages) {
        return pipeline.ingestAll(messages);
    }

    /** A batch handed to {@link #prepare}: its messages are being stored raw and parsed in the background. */
    public static final class PreparedBatch {

        private final IngestionPipeline.Prepared prepared;

        private PreparedBatch(IngestionPipeline.Prepared prepared) {
            this.prepared = prepared;
        }
    }

    /**
     * {@link #ingestAll} in two halves, so an import can overlap them: {@code prepare} starts the
     * per-message work (raw blob, parsing, attachments) on the ingestion pool and returns at once;
     * {@link #persist} waits for it and stores the batch in one transaction. Batches must be persisted
     * in the order they were prepared.
     */
    public PreparedBatch prepare(List<IncomingMessage> messages) {
        return new PreparedBatch(pipeline.prepareAll(messages));
    }

    /** The second half of {@link #prepare}: one result per message, in order. */
    public List<IngestResult> persist(PreparedBatch batch) {
        return pipeline.persistAll(batch.prepared);
    }
}
