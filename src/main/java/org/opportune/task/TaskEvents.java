package org.opportune.task;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.shared.Actor;
import org.opportune.shared.Audited;

/**
 * The facts the {@code task} module publishes. Every change is {@link Audited} (the activity trail
 * records it, before → after, in the same transaction) and a {@link TaskChanged}, which carries the
 * task's assignee for a notification module. {@link TaskDue} is published once when an open task
 * falls due.
 */
public final class TaskEvents {

    private TaskEvents() {
    }

    static final String TASK = "task";

    /** A change to a task; {@code assigneeId} is the assignee after the change. */
    public sealed interface TaskChanged extends Audited
            permits TaskCreated, TaskEdited, TaskCompleted, TaskReopened, TaskRescheduled, TaskAssigned, TaskCancelled {

        long taskId();

        long assigneeId();

        default String subjectType() {
            return TASK;
        }

        default String subjectId() {
            return Long.toString(taskId());
        }
    }

    /** A task was created; {@code after} holds all its fields, with the assignee. */
    public record TaskCreated(Actor actor, long taskId, long assigneeId, Map<String, Object> after) implements TaskChanged {
        public String action() { return "task.created"; }
    }

    /** Title, notes, kind, due date or links changed: only the changed fields. */
    public record TaskEdited(Actor actor, long taskId, long assigneeId, Map<String, Object> before,
            Map<String, Object> after) implements TaskChanged {
        public String action() { return "task.edited"; }
    }

    public record TaskCompleted(Actor actor, long taskId, long assigneeId, Map<String, Object> before,
            Map<String, Object> after) implements TaskChanged {
        public String action() { return "task.completed"; }
    }

    public record TaskReopened(Actor actor, long taskId, long assigneeId, Map<String, Object> before,
            Map<String, Object> after) implements TaskChanged {
        public String action() { return "task.reopened"; }
    }

    /** A new due date (and time); {@code reason} is what the person gave, if anything. */
    public record TaskRescheduled(Actor actor, long taskId, long assigneeId, LocalDate fromDate,
            @Nullable LocalTime fromTime, LocalDate toDate, @Nullable LocalTime toTime, @Nullable String reason,
            Map<String, Object> before, Map<String, Object> after) implements TaskChanged {
        public String action() { return "task.rescheduled"; }
    }

    /** Someone else does the task now: a manager reassigned it, or the assignee handed it over. */
    public record TaskAssigned(Actor actor, long taskId, long fromAssigneeId, long assigneeId, @Nullable String reason,
            Map<String, Object> before, Map<String, Object> after) implements TaskChanged {
        public String action() { return "task.reassigned"; }
    }

    public record TaskCancelled(Actor actor, long taskId, long assigneeId, @Nullable String reason,
            Map<String, Object> before, Map<String, Object> after) implements TaskChanged {
        public String action() { return "task.cancelled"; }
    }

    /**
     * An open task fell due: its due time passed, or its due date began (in the business time zone).
     * Published once per due date; rescheduling makes it due again later. Not audited: nothing changed.
     */
    public record TaskDue(long taskId, long assigneeId, String title, LocalDate dueDate, @Nullable LocalTime dueTime,
            String zone) {
    }
}
