package org.opportune.mail.internal;

/**
 * One step of ingestion. Steps run in order until one finishes the ingestion (new, duplicate or
 * quarantined). Each is idempotent, so running all of them again after a crash is harmless.
 */
interface IngestionStep {

    void apply(Ingestion ingestion) throws Exception;
}
