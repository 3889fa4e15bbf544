package org.opportune.identity.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import org.opportune.identity.IdentityService;

/**
 * On first run, when no account exists yet, sends every page but the sign-in page (which links to it)
 * to {@code /setup}, where the first admin is created. Once an account exists this filter stops asking the database.
 */
class SetupRedirectFilter extends OncePerRequestFilter {

    private final IdentityService identity;
    private volatile boolean setupDone;

    SetupRedirectFilter(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        // the API answers 401 instead: nobody can be signed in before setup
        return setupDone || path.startsWith("/api/") || path.equals("/setup") || path.startsWith("/login") || path.startsWith("/css/") || path.startsWith("/webjars/")
                || path.startsWith("/actuator/") || path.equals("/favicon.svg") || path.equals("/error");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (identity.setupNeeded()) {
            response.sendRedirect(request.getContextPath() + "/setup");
            return;
        }
        setupDone = true;
        chain.doFilter(request, response);
    }
}
