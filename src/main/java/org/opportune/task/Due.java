package org.opportune.task;

import java.time.LocalDate;
import java.time.LocalTime;

import org.jspecify.annotations.Nullable;

/**
 * When a task is due, as a person gives it: a date (and optionally a time of day in the business time
 * zone), or a number of business days — written ({@code "3 business days"}) or counted — after
 * {@code from} (today when null). Give a date or business days, not both.
 */
public record Due(
        @Nullable LocalDate date,
        @Nullable LocalTime time,
        @Nullable String in,
        @Nullable Integer inBusinessDays,
        @Nullable LocalDate from) {

    public static Due on(LocalDate date) {
        return new Due(date, null, null, null, null);
    }

    public static Due on(LocalDate date, @Nullable LocalTime time) {
        return new Due(date, time, null, null, null);
    }

    /** {@code businessDays} business days after today. */
    public static Due inBusinessDays(int businessDays) {
        return new Due(null, null, null, businessDays, null);
    }

    /** {@code businessDays} business days after {@code from}: "3 business days after the proposal". */
    public static Due businessDaysAfter(LocalDate from, int businessDays) {
        return new Due(null, null, null, businessDays, from);
    }

    /** Nothing given at all. */
    boolean empty() {
        return date == null && time == null && (in == null || in.isBlank()) && inBusinessDays == null;
    }
}
