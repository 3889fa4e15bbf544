package org.opportune.customer;

import java.time.Instant;

/** A conversation on a customer's page: its subject as the customer's first linked message had it, and its latest message's date. */
public record CustomerConversation(long conversationId, String subject, Instant lastMessageAt) {

    /** The conversation's page. */
    public String href() {
        return "/conversations/" + conversationId;
    }
}
