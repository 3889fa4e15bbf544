package org.opportune.mail;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message on its way out, as the thread shows it.
 *
 * @param status      {@code queued}, {@code sending}, {@code sent} or {@code failed}
 * @param messageId   the stored copy in the thread (the same bytes that are sent)
 * @param lastError   why the last attempt failed, for a person
 */
public record OutboxEntry(long id, long mailboxId, @Nullable Long messageId, String messageIdHeader, String recipients,
        String subject, String authorName, String status, int attempts, Instant nextAttemptAt, @Nullable String lastError,
        Instant createdAt, @Nullable Instant sentAt) {

    public boolean failed() {
        return "failed".equals(status);
    }

    public boolean sent() {
        return "sent".equals(status);
    }
}
