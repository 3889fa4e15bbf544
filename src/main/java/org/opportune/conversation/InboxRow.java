package org.opportune.conversation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One conversation in a list.
 *
 * @param lastMessageId the newest message, whose sender and first words the row shows
 * @param category      the most telling triage category of its messages, {@code null} before triage
 */
public record InboxRow(long id, String subject, int messageCount, Instant lastMessageAt, @Nullable Long ownerId,
        boolean archived, boolean waitingOnUs, @Nullable String category, long lastMessageId) {

    InboxRow withLastMessageId(long messageId) {
        return new InboxRow(id, subject, messageCount, lastMessageAt, ownerId, archived, waitingOnUs, category, messageId);
    }
}
