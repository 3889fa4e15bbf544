package org.opportune.conversation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** There is no such conversation, or the message is in none (not threaded yet, or unknown). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class ConversationNotFoundException extends RuntimeException {

    private ConversationNotFoundException(String message) {
        super(message);
    }

    public static ConversationNotFoundException forId(long conversationId) {
        return new ConversationNotFoundException("No conversation with id " + conversationId);
    }

    public static ConversationNotFoundException forMessage(long messageId) {
        return new ConversationNotFoundException("Message " + messageId + " is in no conversation");
    }
}
