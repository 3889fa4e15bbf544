package org.opportune.inbox;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.opportune.conversation.ConversationState;
import org.opportune.customer.ConversationCustomer;
import org.opportune.opportunity.OpportunityView;
import org.opportune.identity.UserView;

/** The conversation page: its state, its messages oldest first, who may own it, and its trail. */
public record ConversationPage(ConversationState state, List<ShownMessage> messages, List<ThreadItem> items, @Nullable String owner,
        boolean mine, List<UserView> workers, List<TimelineLine> timeline, boolean canWork, boolean canAssign,
        @Nullable ReplyDraft reply, @Nullable ConversationCustomer customer, List<OpportunityView> opportunities,
        ReplyTools tools) {

    public String status() {
        return state.archived() ? "Archived" : state.ownerId() == null ? "Unassigned" : "Open";
    }
}
