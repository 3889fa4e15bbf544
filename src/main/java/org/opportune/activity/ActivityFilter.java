package org.opportune.activity;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Which entries to show: each criterion is optional. {@code action} matches a prefix ("login" finds
 * every sign-in entry), dates are whole days in UTC, both ends included.
 */
public record ActivityFilter(
        @Nullable String actor,
        @Nullable String action,
        @Nullable String subjectType,
        @Nullable String subjectId,
        @Nullable LocalDate from,
        @Nullable LocalDate to) {

    public static ActivityFilter all() {
        return new ActivityFilter(null, null, null, null, null, null);
    }

    ActivityFilter normalised() {
        return new ActivityFilter(blankToNull(actor), blankToNull(action), blankToNull(subjectType),
                blankToNull(subjectId), from, to);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
