package org.opportune.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import org.jspecify.annotations.Nullable;

/**
 * A task as other modules, pages and the API see it.
 *
 * @param dueTime      the time of day it is due, in {@code zone}; null for "some time that day"
 * @param zone         the business time zone the due date and time are in
 * @param overdueAt    when an open task becomes overdue: the due time, or the end of the due date
 * @param assigneeName the assignee's display name
 * @param version      send it back with a change; a change to an older version is refused
 */
public record TaskView(
        long id,
        String title,
        @Nullable String notes,
        TaskKind kind,
        TaskStatus status,
        LocalDate dueDate,
        @Nullable LocalTime dueTime,
        String zone,
        Instant overdueAt,
        long assigneeId,
        String assigneeName,
        @Nullable Long createdBy,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant completedAt,
        @Nullable Long completedBy,
        @Nullable Instant cancelledAt,
        @Nullable Long cancelledBy,
        TaskLinks links,
        int version) {

    public boolean open() {
        return status == TaskStatus.OPEN;
    }

    /** True when it is open and its due moment has passed. */
    public boolean isOverdue(Instant now) {
        return open() && !now.isBefore(overdueAt);
    }

    TaskView withAssigneeName(String name) {
        return new TaskView(id, title, notes, kind, status, dueDate, dueTime, zone, overdueAt, assigneeId, name,
                createdBy, createdAt, updatedAt, completedAt, completedBy, cancelledAt, cancelledBy, links, version);
    }
}
