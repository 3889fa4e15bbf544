package org.opportune.conversation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Which conversations a list shows.
 *
 * @param me          the signed-in user, for {@link InboxView#MINE}
 * @param mailboxId   only conversations with a message in this mailbox
 * @param ownerId     only conversations this user owns
 * @param category    only conversations of this triage category ({@code buying_signal}, …)
 * @param search      words in a subject, a sender or a message's text
 * @param alsoMatches conversations that match {@code search} for a reason this module cannot see (the
 *                    customer's company name, from the customer module)
 */
public record InboxQuery(InboxView view, long me, @Nullable Long mailboxId, @Nullable Long ownerId,
        @Nullable String category, @Nullable String search, int offset, int limit, List<Long> alsoMatches) {

    public InboxQuery {
        alsoMatches = List.copyOf(alsoMatches);
    }

    public InboxQuery(InboxView view, long me, @Nullable Long mailboxId, @Nullable Long ownerId, @Nullable String category,
            @Nullable String search, int offset, int limit) {
        this(view, me, mailboxId, ownerId, category, search, offset, limit, List.of());
    }
}
