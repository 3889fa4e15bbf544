package org.opportune.shared;

import org.jspecify.annotations.Nullable;

/**
 * Who did something: a signed-in user, someone who is not (yet) signed in, or the system itself.
 *
 * @param userId the user's id, or {@code null} when no account is known
 * @param name   what the activity trail shows: the login name, the name that was tried, or {@code system}
 */
public record Actor(@Nullable Long userId, String name) {

    public static Actor user(long userId, String username) {
        return new Actor(userId, username);
    }

    /** Someone who is not signed in, for example a failed login; {@code attemptedName} is what they typed. */
    public static Actor anonymous(String attemptedName) {
        return new Actor(null, attemptedName);
    }

    public static Actor system() {
        return new Actor(null, "system");
    }
}
