package org.opportune.mail;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A message that could not be stored, as the admin list shows it.
 *
 * @param status            OPEN, RETRIED (now stored as {@code resolvedMessageId}) or RESOLVED
 */
public record QuarantinedMessageView(long id, String mailboxAddress, String origin, String reason, Instant quarantinedAt,
        long rawSize, String status, @Nullable Long resolvedMessageId) {

    public boolean open() {
        return "OPEN".equals(status);
    }
}
