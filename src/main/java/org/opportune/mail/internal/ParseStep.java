package org.opportune.mail.internal;

import org.apache.james.mime4j.MimeException;

/** Parses the raw message; when mime4j gives up, the message is quarantined with mime4j's reason. */
final class ParseStep implements IngestionStep {

    private final MessageParser parser;

    ParseStep(MessageParser parser) {
        this.parser = parser;
    }

    @Override
    public void apply(Ingestion ingestion) {
        try {
            ingestion.parsed = parser.parse(ingestion.raw, ingestion.receivedAt);
        } catch (MimeException e) {
            ingestion.quarantine("unparseable MIME: " + e.getMessage());
        } catch (StackOverflowError e) {
            ingestion.quarantine("unparseable MIME: nested too deeply to read");
        }
    }
}
