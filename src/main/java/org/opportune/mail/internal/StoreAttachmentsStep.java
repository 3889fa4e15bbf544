package org.opportune.mail.internal;

/** Writes each attachment of a new message to the blob store, before the database transaction. */
final class StoreAttachmentsStep implements IngestionStep {

    private final BlobStore blobs;

    StoreAttachmentsStep(BlobStore blobs) {
        this.blobs = blobs;
    }

    @Override
    public void apply(Ingestion ingestion) {
        if (ingestion.existingMessageId != null) {
            return;
        }
        ingestion.attachmentBlobKeys.clear();
        for (var attachment : ingestion.parsed().attachments()) {
            var content = attachment.content();
            ingestion.attachmentBlobKeys.add(ingestion.inBatch ? blobs.putSyncingLater(content) : blobs.put(content));
        }
    }
}
