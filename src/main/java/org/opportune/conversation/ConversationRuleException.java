package org.opportune.conversation;

/** A change to a conversation's owner or status that the rules refuse; the message says why, for a person. */
public class ConversationRuleException extends RuntimeException {

    public ConversationRuleException(String message) {
        super(message);
    }
}
