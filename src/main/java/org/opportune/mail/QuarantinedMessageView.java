package org.opportune.mail;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message that could not be stored, as the admin list shows it.
 *
 * @param status            OPEN, RETRIED (now stored as {@code resolvedMessageId}), RESOLVED or DISMISSED (set
 *                          aside by an admin with {@code dismissReason}; the raw message is kept)
 */
public record QuarantinedMessageView(long id, String mailboxAddress, String origin, String reason, Instant quarantinedAt,
        long rawSize, String status, @Nullable Long resolvedMessageId, @Nullable String dismissReason,
        @Nullable String dismissedBy, @Nullable Instant dismissedAt) {

    public boolean open() {
        return "OPEN".equals(status);
    }

    public boolean dismissed() {
        return "DISMISSED".equals(status);
    }
}
