package org.opportune.identity.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

import org.opportune.identity.IdentityService;
import org.opportune.identity.UserAccount;

/** Records the sign-in, clears the account's failures, and sends a person with a one-time password to choose their own. */
class LoginSuccess extends SavedRequestAwareAuthenticationSuccessHandler {

    private final IdentityService identity;

    LoginSuccess(IdentityService identity) {
        this.identity = identity;
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        var account = (UserAccount) authentication.getPrincipal();
        identity.loginSucceeded(account);
        if (account.mustChangePassword()) {
            getRedirectStrategy().sendRedirect(request, response, PasswordChangeRequiredFilter.PASSWORD_PAGE);
            return;
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
