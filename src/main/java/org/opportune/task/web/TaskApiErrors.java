package org.opportune.task.web;

import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import org.opportune.task.StaleTaskException;
import org.opportune.task.TaskNotAllowedException;
import org.opportune.task.TaskNotFoundException;
import org.opportune.task.TaskRuleException;
import org.opportune.task.TaskStateException;

/**
 * The task API's errors as RFC 9457 problem details: field messages under {@code errors}; a stale
 * change as 409 with {@code currentVersion} and the {@code changes} made since the version sent.
 */
@RestControllerAdvice(assignableTypes = TaskApiController.class)
class TaskApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail rules(TaskRuleException e) {
        return invalid(e.getMessage(), e.errors());
    }

    @ExceptionHandler
    ProblemDetail unreadable(TaskRequestException e) {
        return invalid(e.getMessage(), e.errors());
    }

    @ExceptionHandler
    ProblemDetail notFound(TaskNotFoundException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("No such task");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail stale(StaleTaskException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("The task changed since you loaded it");
        problem.setProperty("seenVersion", e.seenVersion());
        problem.setProperty("currentVersion", e.currentVersion());
        problem.setProperty("changes", e.changes());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail state(TaskStateException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not possible in the task's status");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notAllowed(TaskNotAllowedException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Not allowed");
        return problem;
    }

    private static ProblemDetail invalid(String detail, java.util.Map<String, String> errors) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid task");
        problem.setProperty("errors", new TreeMap<>(errors));
        return problem;
    }
}
