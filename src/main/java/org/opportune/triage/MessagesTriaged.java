package org.opportune.triage;

import java.util.List;

/**
 * The messages of an import's batch got their categories, in one transaction: the bulk form of
 * {@link MessageTriaged}. Each triaged message is in exactly one of the two.
 */
public record MessagesTriaged(List<MessageTriaged> messages) {

    public MessagesTriaged {
        messages = List.copyOf(messages);
    }
}
