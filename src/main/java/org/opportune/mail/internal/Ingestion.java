package org.opportune.mail.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.opportune.mail.IngestResult;
import org.opportune.mail.IngestSource;

/** One raw message on its way through the ingestion steps: what is known so far and how it ended. */
final class Ingestion {

    final IngestSource source;
    final byte[] raw;
    final Instant receivedAt;
    /**
     * Part of a batch ({@link IngestionPipeline#prepareAll}): blobs are stored with
     * {@link BlobStore#putSyncingLater}, and the pipeline syncs the batch's blobs before its transaction.
     */
    boolean inBatch;

    @Nullable String rawBlobKey;
    @Nullable ParsedMessage parsed;
    @Nullable String dedupeKey;
    @Nullable Long existingMessageId;
    final List<String> attachmentBlobKeys = new ArrayList<>();

    private @Nullable IngestResult result;

    Ingestion(IngestSource source, byte[] raw, Instant receivedAt) {
        this.source = source;
        this.raw = raw;
        this.receivedAt = receivedAt;
    }

    boolean finished() {
        return result != null;
    }

    void finish(IngestResult result) {
        this.result = result;
    }

    void quarantine(String reason) {
        this.result = new IngestResult(IngestResult.Outcome.QUARANTINED, null, reason);
    }

    @Nullable IngestResult result() {
        return result;
    }

    ParsedMessage parsed() {
        if (parsed == null) {
            throw new IllegalStateException("not parsed yet");
        }
        return parsed;
    }
}
