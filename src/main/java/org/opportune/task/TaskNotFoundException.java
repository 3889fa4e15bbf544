package org.opportune.task;

/** There is no task with that id. */
public class TaskNotFoundException extends RuntimeException {

    private TaskNotFoundException(String message) {
        super(message);
    }

    public static TaskNotFoundException forId(long id) {
        return new TaskNotFoundException("No task with id " + id + ".");
    }
}
