package org.opportune.mail;

import org.jspecify.annotations.Nullable;

/**
 * The answer of "Test connection": ok, or the specific problem with a message an admin can act on.
 */
public record ConnectionTest(boolean ok, @Nullable Problem problem, String message) {

    public enum Problem { AUTHENTICATION_FAILED, TLS_PROBLEM, HOST_UNREACHABLE, FOLDER_MISSING, NOT_CONFIGURED, OTHER }

    public static ConnectionTest success(String message) {
        return new ConnectionTest(true, null, message);
    }

    public static ConnectionTest failure(Problem problem, String message) {
        return new ConnectionTest(false, problem, message);
    }
}
