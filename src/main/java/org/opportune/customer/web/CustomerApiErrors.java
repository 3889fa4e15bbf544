package org.opportune.customer.web;

import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import org.opportune.customer.CustomerChangedException;
import org.opportune.customer.CustomerNotFoundException;
import org.opportune.customer.CustomerRuleException;

/** The customer API's errors as RFC 9457 problem details: 400 with {@code errors} per field, 404, 409 with what changed. */
@RestControllerAdvice(assignableTypes = CustomerApiController.class)
class CustomerApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail rules(CustomerRuleException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid customer data");
        problem.setProperty("errors", new TreeMap<>(e.errors()));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(CustomerNotFoundException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("No such customer");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail changed(CustomerChangedException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Changed since you read it");
        problem.setProperty("yourVersion", e.yourVersion());
        problem.setProperty("currentVersion", e.currentVersion());
        problem.setProperty("changed", new TreeMap<>(e.changed()));
        problem.setProperty("changedBy", e.changedBy());
        return problem;
    }
}
