package org.opportune.opportunity;

import java.util.Locale;

/** Whether an opportunity in a stage is still being worked (open) or has ended (won, lost). */
public enum StageKind {
    OPEN, WON, LOST;

    /** Lower case, as stored: {@code open}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static StageKind fromLabel(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
