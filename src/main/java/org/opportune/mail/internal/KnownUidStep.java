package org.opportune.mail.internal;

import org.opportune.mail.IngestResult;

/** An IMAP refetch (same mailbox, folder, UIDVALIDITY and UID) is a duplicate before anything else is done. */
final class KnownUidStep implements IngestionStep {

    private final MessageStore messages;

    KnownUidStep(MessageStore messages) {
        this.messages = messages;
    }

    @Override
    public void apply(Ingestion ingestion) {
        if (ingestion.source.uid() == null) {
            return;
        }
        messages.findByUid(ingestion.source)
                .ifPresent(id -> ingestion.finish(new IngestResult(IngestResult.Outcome.DUPLICATE, id, null)));
    }
}
