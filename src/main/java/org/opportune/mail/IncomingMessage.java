package org.opportune.mail;

/** One raw message to ingest and where it came from; for {@link MailIngestion#ingestAll}. */
public record IncomingMessage(IngestSource source, byte[] raw) {
}
