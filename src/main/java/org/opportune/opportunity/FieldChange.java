package org.opportune.opportunity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One field that changed since a version: the value then (what the person saw) and now, who changed it
 * last and when. Values are text; deal values are hidden from people who may not see them.
 */
public record FieldChange(String field, String label, @Nullable String yourValue, @Nullable String currentValue,
        String changedBy, Instant changedAt) {

    /** {@code Next action: 'Send quote' → 'Call Anna' (tom, 2026-03-02T10:15:00Z)}. */
    public String sentence() {
        return label + ": " + shown(yourValue) + " → " + shown(currentValue) + " (" + changedBy + ", " + changedAt + ")";
    }

    private static String shown(@Nullable String value) {
        return value == null || value.isEmpty() ? "(empty)" : "'" + value + "'";
    }
}
