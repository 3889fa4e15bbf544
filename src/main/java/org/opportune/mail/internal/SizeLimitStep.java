package org.opportune.mail.internal;

import org.opportune.mail.MailProperties;

/** Quarantines empty messages and messages over the configured size before any parsing. */
final class SizeLimitStep implements IngestionStep {

    private final MailProperties limits;

    SizeLimitStep(MailProperties limits) {
        this.limits = limits;
    }

    @Override
    public void apply(Ingestion ingestion) {
        var size = ingestion.raw.length;
        if (size > limits.maxMessageSize().toBytes()) {
            ingestion.quarantine("message is " + megabytes(size) + ", over the limit of "
                    + megabytes(limits.maxMessageSize().toBytes()) + " (opportune.mail.max-message-size)");
        } else if (isBlank(ingestion.raw)) {
            ingestion.quarantine("empty message");
        }
    }

    private static boolean isBlank(byte[] raw) {
        for (byte b : raw) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
