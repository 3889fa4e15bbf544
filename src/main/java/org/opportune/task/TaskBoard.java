package org.opportune.task;

import java.time.LocalDate;
import java.util.List;

/**
 * One person's tasks for the "My tasks" page and the review queues: overdue, due later today,
 * upcoming, and done recently; {@code today} is the date in the business time zone.
 */
public record TaskBoard(
        long assigneeId,
        LocalDate today,
        List<TaskView> overdue,
        List<TaskView> dueToday,
        List<TaskView> upcoming,
        List<TaskView> doneRecently) {

    public boolean empty() {
        return overdue.isEmpty() && dueToday.isEmpty() && upcoming.isEmpty() && doneRecently.isEmpty();
    }

    /** What needs attention now: overdue plus due today. */
    public int attentionCount() {
        return overdue.size() + dueToday.size();
    }
}
