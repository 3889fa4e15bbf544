package org.opportune.identity.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.identity.ApiTokenView;
import org.opportune.identity.Role;
import org.opportune.identity.UserView;

/** What each identity page needs. */
public final class Pages {

    private Pages() {
    }

    public record LoginPage(@Nullable String error, @Nullable String info, String username, boolean rememberMeAvailable,
            boolean setupNeeded) {
    }

    public record SetupPage(Forms.SetupForm form, Map<String, String> errors) {
    }

    /**
     * @param newToken the token just created, with its secret: shown on this one answer only
     */
    public record AccountPage(UserView user, String displayName, Map<String, String> errors, List<ApiTokenView> tokens,
            String tokenLabel, @Nullable NewToken newToken) {
    }

    public record NewToken(ApiTokenView token, String secret) {
    }

    public record UserTokensPage(UserView user, List<ApiTokenView> tokens) {
    }

    public record PasswordPage(boolean required, Map<String, String> errors) {
    }

    public record UsersPage(List<UserView> users, long currentUserId, List<Role> roles, @Nullable String error) {
    }

    public record NewUserPage(Forms.NewUserForm form, List<Role> roles, Map<String, String> errors) {
    }

    public record UserCreatedPage(UserView user, String temporaryPassword, boolean reset) {
    }
}
