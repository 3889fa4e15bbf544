package org.opportune.identity.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import org.opportune.identity.IdentityService;

/** Counts the failure (for throttling), records it in the activity trail and shows the sign-in page again. */
class LoginFailure implements AuthenticationFailureHandler {

    private final IdentityService identity;

    LoginFailure(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        var username = request.getParameter("username");
        var deactivated = exception instanceof DisabledException;
        identity.loginFailed(username == null ? "" : username, request.getRemoteAddr(),
                deactivated ? "account deactivated" : "wrong username or password");
        response.sendRedirect(request.getContextPath() + (deactivated ? "/login?deactivated" : "/login?error"));
    }
}
