package org.opportune.web;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.opportune.shared.SignedInUser;

/**
 * What the shared layout needs on every page: who is signed in, what they may see in the
 * navigation, the CSRF token for forms and HTMX, a one-time message after a redirect, and how often
 * the notification count in the header asks the server again (in seconds).
 */
public record Shell(
        @Nullable SignedInUser user,
        Set<String> authorities,
        List<NavEntry> navigation,
        String csrfHeaderName,
        String csrfParameterName,
        String csrfToken,
        String currentPath,
        @Nullable String flash,
        long notificationPollSeconds) {

    public boolean signedIn() {
        return user != null;
    }

    public boolean can(String permission) {
        return authorities.contains(permission);
    }

    public String displayName() {
        return user == null ? "" : user.displayName();
    }

    public boolean isActive(NavEntry entry) {
        return entry.covers(currentPath);
    }

    /** The JSON for {@code hx-headers}, so every HTMX request carries the CSRF token. */
    public String csrfHeadersJson() {
        return "{\"" + csrfHeaderName + "\": \"" + csrfToken + "\"}";
    }
}
