package org.opportune.mail;

import java.util.List;

/**
 * Many messages were stored for the first time together, by one batch of an import: the bulk form of
 * {@link MessageReceived}, one publication in the event publication registry for the whole batch
 * instead of one per message and listener, so listeners can handle the batch with set-based queries
 * in one transaction. Published inside the batch's transaction; a listener that had not finished at a
 * crash runs again after restart, so listeners must skip what they did already. Each message is in
 * exactly one of {@code MessageReceived} and {@code MessagesReceived}.
 *
 * @param messages the new messages in the order they were read
 */
public record MessagesReceived(List<MessageReceived> messages) {

    public MessagesReceived {
        messages = List.copyOf(messages);
    }
}
