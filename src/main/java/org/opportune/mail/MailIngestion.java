package org.opportune.mail;

/**
 * The one way a raw message enters Opportune, from IMAP sync and from imports alike:
 * {@code ingest(source, raw)} stores it once, parses it, links it to the mailbox and publishes
 * {@link MessageReceived}; a message that cannot be stored is quarantined, never dropped.
 * Built out by the ingestion pipeline (issue "Mail in").
 */
public interface MailIngestion {

    /** Ingests one raw RFC 5322 message; idempotent for the same source and the same content. */
    IngestResult ingest(IngestSource source, byte[] raw);
}
