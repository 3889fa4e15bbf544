package org.opportune.mail;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Many messages were stored for the first time together, by one batch of an import: the bulk form of
 * {@link MessageReceived}, one publication in the event publication registry for the whole batch
 * instead of one per message and listener, so listeners can handle the batch with set-based queries
 * in one transaction. It carries only the messages' ids: the registry stores the event once per
 * listener, and the facts of a batch (hostile messages have hundreds of References) made those rows
 * large and slow to write on the import's own thread. A listener that needs the facts reads them with
 * {@link MailMessages#received}, one query for the batch. Published inside the batch's transaction; a
 * listener that had not finished at a crash runs again after restart, so listeners must skip what they
 * did already. Each message is in exactly one of {@code MessageReceived} and {@code MessagesReceived}.
 *
 * @param messageIds the new messages' ids in the order they were read (which is also the order of the ids)
 */
public record MessagesReceived(List<Long> messageIds) {

    public MessagesReceived {
        messageIds = List.copyOf(messageIds);
    }

    /**
     * Reads the event from the registry in either shape: this one, or the one before, which carried every
     * message's facts ({@code {"messages":[{"messageId":1,...},...]}}). A publication written by the
     * version before an upgrade, whose listeners had not run at a crash, is delivered again after the
     * upgrade; its facts are in the database as well, so only the ids are kept.
     */
    @JsonCreator
    static MessagesReceived fromJson(@JsonProperty("messageIds") @Nullable List<Long> messageIds,
            @JsonProperty("messages") @Nullable List<EarlierMessage> messages) {
        if (messageIds != null) {
            return new MessagesReceived(messageIds);
        }
        if (messages != null) {
            return new MessagesReceived(messages.stream().map(EarlierMessage::messageId).toList());
        }
        throw new IllegalArgumentException("a MessagesReceived names its messages in messageIds (or, before, in messages)");
    }

    /** A message of the earlier shape: its id is all that is read of it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record EarlierMessage(long messageId) {
    }
}
