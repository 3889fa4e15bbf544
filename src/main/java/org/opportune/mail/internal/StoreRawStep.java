package org.opportune.mail.internal;

/** Writes the raw bytes to the blob store first, so whatever happens next, the message is kept. */
final class StoreRawStep implements IngestionStep {

    private final BlobStore blobs;

    StoreRawStep(BlobStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public void apply(Ingestion ingestion) {
        ingestion.rawBlobKey = ingestion.inBatch ? blobs.putSyncingLater(ingestion.raw) : blobs.put(ingestion.raw);
    }
}
