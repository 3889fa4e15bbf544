package org.opportune.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;

import org.opportune.identity.IdentityService;
import org.opportune.identity.UserAccount;

/** Puts a sign-out in the activity trail. */
class LogoutRecorder implements LogoutHandler {

    private final IdentityService identity;

    LogoutRecorder(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, @Nullable Authentication authentication) {
        if (authentication != null && authentication.getPrincipal() instanceof UserAccount account) {
            identity.loggedOut(account);
        }
    }
}
