package org.opportune.opportunity.web;

import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import org.opportune.conversation.ConversationNotFoundException;
import org.opportune.opportunity.AlreadyOwnedException;
import org.opportune.opportunity.OpportunityAccessException;
import org.opportune.opportunity.OpportunityNotFoundException;
import org.opportune.opportunity.OpportunityRuleException;
import org.opportune.opportunity.StaleOpportunityException;

/**
 * The opportunity and pipeline API's errors as RFC 9457 problem details: rules 400 with {@code errors} per
 * field, unknown ids 404, a stale version 409 with {@code changes} (what changed since), a lost claim 409,
 * not allowed 403.
 */
@RestControllerAdvice(assignableTypes = {OpportunityApiController.class, PipelineApiController.class})
class OpportunityApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail rules(OpportunityRuleException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The opportunity rules refuse this change");
        problem.setProperty("errors", new TreeMap<>(e.errors()));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(OpportunityNotFoundException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail conversationNotFound(ConversationNotFoundException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("No such conversation");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail stale(StaleOpportunityException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Changed since you loaded it");
        problem.setProperty("yourVersion", e.yourVersion());
        problem.setProperty("currentVersion", e.currentVersion());
        problem.setProperty("changes", e.changes());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail owned(AlreadyOwnedException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Already owned");
        problem.setProperty("ownerId", e.ownerId());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail forbidden(OpportunityAccessException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Not allowed");
        return problem;
    }
}
