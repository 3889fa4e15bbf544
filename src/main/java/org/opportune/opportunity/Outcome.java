package org.opportune.opportunity;

import java.util.Locale;

/** How a closed opportunity ended. */
public enum Outcome {
    WON, LOST;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws OpportunityRuleException for anything but won or lost */
    public static Outcome parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw OpportunityRuleException.of("outcome", "Say whether it was won or lost.");
        }
    }
}
