package org.opportune.task;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Which tasks to list; every criterion is optional. {@code dueBefore} and {@code dueAfter} are
 * exclusive; {@code overdue} true lists only open tasks past their due moment, false only the others.
 */
public record TaskFilter(
        @Nullable Long assigneeId,
        @Nullable TaskStatus status,
        @Nullable LocalDate dueBefore,
        @Nullable LocalDate dueAfter,
        @Nullable Boolean overdue,
        @Nullable TaskLink link,
        int limit,
        int offset) {

    public static final int MAX_LIMIT = 500;

    public static TaskFilter openOf(long assigneeId) {
        return new TaskFilter(assigneeId, TaskStatus.OPEN, null, null, null, null, MAX_LIMIT, 0);
    }
}
