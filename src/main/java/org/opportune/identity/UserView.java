package org.opportune.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A user as other modules and pages see it: never the password hash. */
public record UserView(
        long id,
        String username,
        String displayName,
        @Nullable String email,
        Role role,
        boolean active,
        boolean mustChangePassword,
        Instant createdAt) {
}
