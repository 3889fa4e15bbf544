package org.opportune.task;

import java.time.LocalDate;
import java.time.LocalTime;

import org.jspecify.annotations.Nullable;

/**
 * A change of a task's details, made on the version the person saw. A null field stays as it is;
 * {@code clearDueTime} makes the task due "some time that day", an empty {@code notes} removes the
 * notes, and a link id of 0 removes that link. The assignee and the status change through their own
 * actions (reassign, complete, reopen, cancel).
 */
public record TaskEdit(
        int version,
        @Nullable String title,
        @Nullable String notes,
        @Nullable TaskKind kind,
        @Nullable LocalDate dueDate,
        @Nullable LocalTime dueTime,
        boolean clearDueTime,
        @Nullable Long opportunityId,
        @Nullable Long conversationId,
        @Nullable Long companyId,
        @Nullable Long contactId) {
}
