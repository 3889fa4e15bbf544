package org.opportune.review;

import java.util.List;

import org.opportune.conversation.InboxRow;
import org.opportune.opportunity.OpportunityView;
import org.opportune.task.TaskView;

/**
 * One queue: how many items it holds in all, and the first ones of each kind.
 *
 * @param count the number of all its items, which may be more than shown
 */
public record ReviewQueue(Queue queue, long count, List<InboxRow> conversations, List<OpportunityView> opportunities,
        List<TaskView> tasks) {

    public ReviewQueue {
        conversations = List.copyOf(conversations);
        opportunities = List.copyOf(opportunities);
        tasks = List.copyOf(tasks);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** How many items are shown. */
    public int shown() {
        return conversations.size() + opportunities.size() + tasks.size();
    }
}
