package org.opportune.identity.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import org.opportune.identity.UserAccount;
import org.opportune.web.api.ApiProblems;

/** Until a person replaces the one-time password an admin gave them, the only page they get is the password page. */
class PasswordChangeRequiredFilter extends OncePerRequestFilter {

    static final String PASSWORD_PAGE = "/account/password";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(PASSWORD_PAGE) || path.equals("/logout") || path.startsWith("/css/")
                || path.startsWith("/webjars/") || path.equals("/favicon.svg") || path.equals("/error");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof UserAccount account
                && account.mustChangePassword()) {
            if (ApiProblems.isApi(request)) {
                ApiProblems.write(request, response, HttpStatus.FORBIDDEN, "Password change required",
                        "Choose your own password on " + PASSWORD_PAGE + " before using the API.");
                return;
            }
            response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
