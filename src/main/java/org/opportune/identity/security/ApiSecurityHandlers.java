package org.opportune.identity.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import org.opportune.web.api.ApiProblems;

/** For {@code /api}: 401 and 403 as problem details, never the sign-in redirect or an HTML page. */
final class ApiSecurityHandlers {

    private ApiSecurityHandlers() {
    }

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    static final AuthenticationEntryPoint UNAUTHORIZED = ApiSecurityHandlers::unauthorized;

    static final AccessDeniedHandler FORBIDDEN = ApiSecurityHandlers::forbidden;

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        ApiProblems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                "Sign in, or send a personal API token as 'Authorization: Bearer <token>'.");
    }

    private static void forbidden(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException exception) throws IOException {
        // the CSRF check runs before sign-in is looked at: someone not signed in needs to sign in first, not a token
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || TRUST.isAnonymous(authentication)) {
            unauthorized(request, response, new InsufficientAuthenticationException("not signed in"));
            return;
        }
        var detail = exception instanceof CsrfException
                ? "The CSRF token is missing or stale: send the X-CSRF-TOKEN header of your session, or use an API token."
                : "Your role does not allow this. Ask an admin if you need it.";
        ApiProblems.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", detail);
    }
}
