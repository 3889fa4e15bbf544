package org.opportune.task;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a task stands. Only an open task can be completed, rescheduled, reassigned or cancelled. */
public enum TaskStatus {
    OPEN, DONE, CANCELLED;

    /** Lower case, as stored and as the API writes it: {@code open}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for an unknown label, naming the ones that exist */
    @JsonCreator
    public static TaskStatus fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown status '" + label + "'; use open, done or cancelled."));
    }
}
