package org.opportune.task;

import org.jspecify.annotations.Nullable;

/**
 * A new task.
 *
 * @param assigneeId who does it; null for the person creating it. Someone else needs {@code WORK_ASSIGN}.
 * @param kind       null for a follow-up
 */
public record TaskCommand(
        @Nullable String title,
        @Nullable String notes,
        @Nullable TaskKind kind,
        Due due,
        @Nullable Long assigneeId,
        TaskLinks links) {
}
