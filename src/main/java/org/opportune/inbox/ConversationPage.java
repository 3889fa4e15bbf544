package org.opportune.inbox;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.opportune.activity.ActivityEntry;
import org.opportune.conversation.ConversationState;
import org.opportune.identity.UserView;

/** The conversation page: its state, its messages oldest first, who may own it, and its trail. */
public record ConversationPage(ConversationState state, List<ShownMessage> messages, @Nullable String owner,
        boolean mine, List<UserView> workers, List<ActivityEntry> timeline, boolean canWork, boolean canAssign,
        @Nullable ReplyDraft reply) {

    public String status() {
        return state.archived() ? "Archived" : state.ownerId() == null ? "Unassigned" : "Open";
    }
}
