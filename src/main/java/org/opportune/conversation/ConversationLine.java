package org.opportune.conversation;

import java.util.List;

/**
 * One conversation as the {@code threads} command prints it.
 *
 * @param conversationId the conversation's id
 * @param messageIds     the Message-IDs of its messages (without angle brackets), in date order
 */
public record ConversationLine(long conversationId, List<String> messageIds) {
}
