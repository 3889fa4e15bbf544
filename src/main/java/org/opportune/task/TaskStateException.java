package org.opportune.task;

/** The action does not fit the task's status, such as completing a cancelled task. */
public class TaskStateException extends RuntimeException {

    private TaskStateException(String message) {
        super(message);
    }

    static TaskStateException notOpen(TaskStatus status, String action) {
        return new TaskStateException("This task is " + status.label() + ", so it cannot be " + action
                + ". Reopen it first if there is still work to do.");
    }

    static TaskStateException alreadyOpen() {
        return new TaskStateException("This task is open already.");
    }
}
