package org.opportune.task;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import org.opportune.conversation.ConversationEvents.ConversationsMerged;

/** Keeps tasks linked when two conversations become one: the merged conversation's tasks follow it. */
@Component
class TaskConversationLinks {

    private final TaskQueries queries;

    TaskConversationLinks(TaskQueries queries) {
        this.queries = queries;
    }

    /** Idempotent: a second delivery finds nothing left to move. */
    @ApplicationModuleListener
    void on(ConversationsMerged merged) {
        queries.moveConversationLinks(merged.mergedConversationId(), merged.targetConversationId());
    }
}
