package org.opportune.task.web;

import java.util.Map;
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
        return problem(HttpStatus.NOT_FOUND, "No such task", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail stale(StaleTaskException e) {
        var problem = problem(HttpStatus.CONFLICT, "The task changed since you loaded it", e.getMessage());
        problem.setProperty("seenVersion", e.seenVersion());
        problem.setProperty("currentVersion", e.currentVersion());
        problem.setProperty("changes", e.changes());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail state(TaskStateException e) {
        return problem(HttpStatus.CONFLICT, "Not possible in the task's status", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail notAllowed(TaskNotAllowedException e) {
        return problem(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage());
    }

    private static ProblemDetail invalid(String detail, Map<String, String> errors) {
        var problem = problem(HttpStatus.BAD_REQUEST, "Invalid task", detail);
        problem.setProperty("errors", new TreeMap<>(errors));
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
