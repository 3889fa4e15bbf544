package org.opportune.mail.web;

import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import org.opportune.mail.MailboxNotFoundException;
import org.opportune.mail.MailboxRuleException;

/** The mailbox API's errors as RFC 9457 problem details; rule violations list their fields under {@code errors}. */
@RestControllerAdvice(assignableTypes = MailboxApiController.class)
class MailboxApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail rules(MailboxRuleException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid mailbox settings");
        problem.setProperty("errors", new TreeMap<>(e.errors()));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(MailboxNotFoundException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("No such mailbox");
        return problem;
    }
}
