package org.opportune.mail.internal;

/** Finds a message already stored with the same fingerprint (from another mailbox, or an earlier import). */
final class DeduplicateStep implements IngestionStep {

    private final MessageStore messages;

    DeduplicateStep(MessageStore messages) {
        this.messages = messages;
    }

    @Override
    public void apply(Ingestion ingestion) {
        var key = ingestion.parsed().dedupeKey();
        ingestion.dedupeKey = key;
        ingestion.existingMessageId = messages.findByDedupeKey(key).orElse(null);
    }
}
