package org.opportune.inbox;

import java.time.Duration;
import java.time.Instant;

/** "5 min", "3 h", "2 d", "6 w": how long ago, short enough for a list row. */
final class Ages {

    private Ages() {
    }

    static String since(Instant then, Instant now) {
        var age = Duration.between(then, now);
        if (age.isNegative() || age.toMinutes() < 1) {
            return "now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h";
        }
        if (age.toDays() < 14) {
            return age.toDays() + " d";
        }
        if (age.toDays() < 365) {
            return age.toDays() / 7 + " w";
        }
        return age.toDays() / 365 + " y";
    }
}
