package org.opportune.identity;

import java.util.Locale;

/** Usernames are compared without case and without surrounding spaces. */
final class Usernames {

    private Usernames() {
    }

    static String normalise(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
