package org.opportune.mail;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message on its way out, as the thread shows it.
 *
 * @param status      {@code queued}, {@code sending}, {@code sent} or {@code failed}
 * @param messageId   the stored copy in the thread (the same bytes that are sent)
 * @param lastError   why the last attempt failed, for a person
 * @param appendStatus the copy in the mailbox's Sent folder (IMAP), after sending: null when there is none to
 *                     make, {@code pending}, {@code appending}, {@code appended} or {@code failed} (gave up)
 * @param appendError why the last attempt to put it in the Sent folder failed
 */
public record OutboxEntry(long id, long mailboxId, @Nullable Long messageId, String messageIdHeader, String recipients,
        String subject, String authorName, String status, int attempts, Instant nextAttemptAt, @Nullable String lastError,
        Instant createdAt, @Nullable Instant sentAt, @Nullable String appendStatus, int appendAttempts,
        @Nullable String appendError, @Nullable Instant appendedAt) {

    public boolean failed() {
        return "failed".equals(status);
    }

    public boolean sent() {
        return "sent".equals(status);
    }

    /** Sent, but its copy is not (yet) in the mailbox's Sent folder. */
    public boolean notInSentFolder() {
        return sent() && appendStatus != null && !"appended".equals(appendStatus);
    }

    /** The copy in the Sent folder was given up (a person can retry it). */
    public boolean appendFailed() {
        return "failed".equals(appendStatus);
    }
}
