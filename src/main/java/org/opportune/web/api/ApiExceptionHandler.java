package org.opportune.web.api;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The fallback for every {@code @RestController}: malformed requests (invalid fields, unreadable JSON,
 * a wrong type in the path or a parameter, a missing parameter) become 400 problem details with an
 * {@code errors} map, and a refused permission becomes a 403 problem detail instead of the HTML error page.
 *
 * <p>It handles nothing module-specific, so a module's own advice (such as {@code MailboxApiErrors}) keeps
 * answering for its own exceptions (not found, rule violations). It has the lowest precedence; a module
 * advice that must take over one of the cases above too gives itself an {@code @Order} below
 * {@link Ordered#LOWEST_PRECEDENCE}, because advices of equal order are asked in no fixed order.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail accessDenied(AccessDeniedException e) {
        return ApiProblems.of(HttpStatus.FORBIDDEN, "Forbidden",
                "Your role does not allow this. Ask an admin if you need it.");
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = ApiProblems.errors(ex.getBindingResult());
        return badRequest(ApiProblems.invalid(summary(errors), errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = new LinkedHashMap<String, String>();
        ex.getParameterValidationResults().forEach(result -> {
            var name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors.putIfAbsent(name == null ? "request" : name,
                    error.getDefaultMessage() == null ? "Check this value." : error.getDefaultMessage()));
        });
        return badRequest(ApiProblems.invalid(summary(errors), errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(ApiProblems.invalid(
                "The request body is missing or is not valid JSON of the expected shape.", Map.of("body", "Send a JSON object.")));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        var name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName() == null ? "value" : ex.getPropertyName();
        var expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName().toLowerCase();
        return badRequest(ApiProblems.invalid("'" + ex.getValue() + "' is not a valid " + name + ".",
                Map.of(name, "Expected " + expected + ".")));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(ApiProblems.invalid("The parameter '" + ex.getParameterName() + "' is missing.",
                Map.of(ex.getParameterName(), "Required.")));
    }

    private static String summary(Map<String, String> errors) {
        return errors.size() == 1 ? "One field is not valid: " + errors.keySet().iterator().next() + "."
                : errors.size() + " fields are not valid: " + String.join(", ", errors.keySet()) + ".";
    }

    private static ResponseEntity<Object> badRequest(ProblemDetail problem) {
        return ResponseEntity.badRequest().body(problem);
    }
}
