package org.opportune.triage;

import java.util.Arrays;
import java.util.Locale;

/** What kind of message it is, for the sales team. */
public enum Category {
    BUYING_SIGNAL, SUPPORT, SUPPLIER, BULK, AUTO_REPLY, INTERNAL, OTHER;

    /** Lower snake case, as stored and printed: {@code buying_signal}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Words for an explanation and for people: {@code buying signal}. */
    public String words() {
        return label().replace('_', ' ');
    }

    /** @throws IllegalArgumentException for an unknown label */
    public static Category fromLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label().equals(label.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown category: " + label));
    }
}
