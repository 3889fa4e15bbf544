package org.opportune.conversation;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as other modules show it: its subject and its messages in date order (ids of the
 * {@code mail} module, which has their content).
 */
public record ConversationOverview(long id, String subject, int messageCount, Instant firstMessageAt,
        Instant lastMessageAt, List<Message> messages) {

    /** One message of the conversation, with the mailbox it arrived in. */
    public record Message(long messageId, long mailboxId, String fromAddress, String subject, Instant sentAt) {
    }
}
