package org.opportune.opportunity;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import org.opportune.conversation.ConversationEvents.ConversationsMerged;

/** Keeps links to conversations pointing at a conversation that exists after two were merged. Idempotent. */
@Component
class ConversationLinks {

    private final OpportunityService opportunities;

    ConversationLinks(OpportunityService opportunities) {
        this.opportunities = opportunities;
    }

    @ApplicationModuleListener
    void on(ConversationsMerged event) {
        opportunities.conversationsMerged(event.targetConversationId(), event.mergedConversationId());
    }
}
