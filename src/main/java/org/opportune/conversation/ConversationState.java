package org.opportune.conversation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A conversation as the work lists and the API see it.
 *
 * @param ownerId     who works it, or {@code null} while nobody claimed it
 * @param archived    whether someone archived it (a new customer message reopens it)
 * @param waitingOnUs whether the customer wrote last and nobody has answered since
 */
public record ConversationState(
        long id,
        String subject,
        int messageCount,
        Instant firstMessageAt,
        Instant lastMessageAt,
        @Nullable Long ownerId,
        boolean archived,
        @Nullable Instant archivedAt,
        boolean waitingOnUs,
        @Nullable Instant lastInboundAt,
        @Nullable Instant lastOutboundAt) {
}
