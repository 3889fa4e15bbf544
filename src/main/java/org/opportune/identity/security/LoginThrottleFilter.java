package org.opportune.identity.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import org.opportune.identity.IdentityService;

/**
 * Refuses a sign-in attempt, before any password is checked, when the account or the address has
 * too many recent failures. The person sees the sign-in page with how long to wait (HTTP 429).
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_MINUTES = "opportune.retryAfterMinutes";

    private final IdentityService identity;

    LoginThrottleFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getRequestURI().substring(request.getContextPath().length())));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var username = request.getParameter("username");
        var retryAfter = identity.loginRetryAfter(username == null ? "" : username, request.getRemoteAddr());
        if (retryAfter.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long minutes = Math.max(1, (retryAfter.get().toSeconds() + 59) / 60);
        identity.loginThrottled(username == null ? "" : username, request.getRemoteAddr(), minutes);
        request.setAttribute(RETRY_AFTER_MINUTES, minutes);
        response.setHeader("Retry-After", Long.toString(retryAfter.get().toSeconds()));
        request.getRequestDispatcher("/login/throttled").forward(request, response);
    }
}
