package org.opportune.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/** Friendly 403, 404, 429 and 500 pages in the shared layout, instead of a stack trace or a white page. */
@Component
class ErrorPages implements ErrorViewResolver {

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        var page = switch (status) {
            case FORBIDDEN -> new ErrorPage(403, "You don't have access to this page",
                    "Your role does not include this part of Opportune. Ask an admin if you need it.");
            case NOT_FOUND -> new ErrorPage(404, "We couldn't find that page",
                    "The link may be old, or the item was moved or merged. Start again from the navigation.");
            case TOO_MANY_REQUESTS -> new ErrorPage(429, "Too many attempts",
                    "Please wait a few minutes before trying again.");
            case BAD_REQUEST -> new ErrorPage(400, "That request didn't look right",
                    "Something in the form or link was not valid. Go back, check it, and try again.");
            // an upload over spring.servlet.multipart.max-request-size: refused before any form sees it
            default -> status.value() == 413
                    ? new ErrorPage(413, "The files are too large",
                            "Together they are over the upload limit. Go back, attach fewer or smaller files (or share a link), and send again.")
                    : status.is5xxServerError()
                    ? new ErrorPage(status.value(), "Something went wrong on our side",
                            "Nothing you had already saved is lost. Try again; if it keeps happening, tell an admin the time it happened.")
                    : new ErrorPage(status.value(), status.getReasonPhrase(), "Go back and try again.");
        };
        return new ModelAndView("error/error", Map.of("page", page), status);
    }
}
