package org.opportune.compose.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import org.opportune.compose.ReplyTemplateException;
import org.opportune.compose.ReplyTemplateNotFoundException;
import org.opportune.web.api.ApiProblems;

/** The template API's own errors; malformed requests and refused permissions are the shared advice's. */
@RestControllerAdvice(assignableTypes = ReplyTemplateApiController.class)
class ReplyTemplateApiErrors {

    @ExceptionHandler
    ProblemDetail notFound(ReplyTemplateNotFoundException e) {
        return ApiProblems.of(HttpStatus.NOT_FOUND, "No such reply template", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalid(ReplyTemplateException e) {
        return ApiProblems.invalid(String.join(" ", e.errors().values()), e.errors());
    }
}
