package org.opportune.web.api;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BindingResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details for the JSON API, for every module: field errors go in an {@code errors}
 * map (field → message), and servlet filters (which run before Spring MVC) write the same shape.
 */
public final class ApiProblems {

    /** Everything under this path answers in JSON: no sign-in redirect, no HTML error page. */
    public static final String API_PATH = "/api/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiProblems() {
    }

    /** True for requests to the JSON API. */
    public static boolean isApi(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(API_PATH);
    }

    public static ProblemDetail of(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** A 400 with the messages of each invalid field under {@code errors}. */
    public static ProblemDetail invalid(String detail, Map<String, String> errors) {
        var problem = of(HttpStatus.BAD_REQUEST, "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** The field messages of a failed binding, the first one per field. */
    public static Map<String, String> errors(BindingResult result) {
        var errors = new LinkedHashMap<String, String>();
        result.getFieldErrors().forEach(error -> errors.putIfAbsent(error.getField(),
                error.getDefaultMessage() == null ? "Check this field." : error.getDefaultMessage()));
        result.getGlobalErrors().forEach(error -> errors.putIfAbsent(error.getObjectName(),
                error.getDefaultMessage() == null ? "Check the request." : error.getDefaultMessage()));
        return errors;
    }

    /** Writes a problem from a servlet filter or a security handler, where no message converter runs. */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", URI.create(request.getRequestURI()).getPath());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
