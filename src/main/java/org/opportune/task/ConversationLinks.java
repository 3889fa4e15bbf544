package org.opportune.task;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import org.opportune.conversation.ConversationEvents.ConversationsMerged;

/** Keeps tasks linked when two conversations become one: the merged conversation's tasks follow it. */
@Component
class ConversationLinks {

    private final TaskQueries queries;

    ConversationLinks(TaskQueries queries) {
        this.queries = queries;
    }

    /** Idempotent: a second delivery finds nothing left to move. */
    @ApplicationModuleListener
    void on(ConversationsMerged merged) {
        queries.moveConversationLinks(merged.mergedConversationId(), merged.targetConversationId());
    }
}
