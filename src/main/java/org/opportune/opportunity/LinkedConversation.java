package org.opportune.opportunity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A conversation linked to an opportunity; subject and times are empty when the conversation is gone. */
public record LinkedConversation(long conversationId, @Nullable String subject, int messageCount,
        @Nullable Instant lastMessageAt) {
}
