package org.opportune.task;

/** Someone a task can be given to: an active user whose role may work on tasks. */
public record Assignee(long id, String username, String displayName) {
}
