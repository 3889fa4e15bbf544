package org.opportune.triage.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import org.opportune.triage.TriageNotFoundException;
import org.opportune.web.api.ApiProblems;

/** The triage API's own errors; malformed requests and refused permissions are the shared advice's. */
@RestControllerAdvice(assignableTypes = TriageApiController.class)
class TriageApiErrors {

    @ExceptionHandler
    ProblemDetail notFound(TriageNotFoundException e) {
        return ApiProblems.of(HttpStatus.NOT_FOUND, "No triage for this message",
                e.getMessage() + ": the message does not exist or has not been triaged yet.");
    }
}
