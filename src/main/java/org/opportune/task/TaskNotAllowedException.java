package org.opportune.task;

/** The person may not do this to the task, such as handing someone else's task over without WORK_ASSIGN. */
public class TaskNotAllowedException extends RuntimeException {

    TaskNotAllowedException(String message) {
        super(message);
    }
}
