package org.opportune.conversation;

import org.jspecify.annotations.Nullable;

/**
 * Which conversations a list shows.
 *
 * @param me        the signed-in user, for {@link InboxView#MINE}
 * @param mailboxId only conversations with a message in this mailbox
 * @param ownerId   only conversations this user owns
 * @param category  only conversations of this triage category ({@code buying_signal}, …)
 * @param search    words in a subject, a sender or a message's text
 */
public record InboxQuery(InboxView view, long me, @Nullable Long mailboxId, @Nullable Long ownerId,
        @Nullable String category, @Nullable String search, int offset, int limit) {
}
