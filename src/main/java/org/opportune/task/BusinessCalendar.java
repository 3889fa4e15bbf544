package org.opportune.task;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which days are business days: every day but the weekend days and the holidays. A plain value,
 * usable without Spring; the application's calendar comes from {@code opportune.task.holidays} and
 * {@code opportune.task.weekend}.
 */
public final class BusinessCalendar {

    /** Stops a run-away loop if every day were a holiday or weekend. */
    private static final int MAX_SKIPPED_DAYS = 3660;

    private final Set<DayOfWeek> weekend;
    private final Set<LocalDate> holidays;

    public BusinessCalendar(Collection<DayOfWeek> weekend, Collection<LocalDate> holidays) {
        this.weekend = weekend.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekend);
        if (this.weekend.size() == DayOfWeek.values().length) {
            throw new IllegalArgumentException("The weekend cannot be every day of the week");
        }
        this.holidays = Set.copyOf(holidays);
    }

    /** Saturday and Sunday off, no holidays. */
    public static BusinessCalendar weekdays() {
        return new BusinessCalendar(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of());
    }

    public boolean isBusinessDay(LocalDate date) {
        return !weekend.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /**
     * The date {@code businessDays} business days after {@code from}: Friday plus one is Monday, a
     * holiday is skipped. Zero returns {@code from} itself, even on a weekend.
     *
     * @throws IllegalArgumentException when {@code businessDays} is negative
     */
    public LocalDate addBusinessDays(LocalDate from, int businessDays) {
        if (businessDays < 0) {
            throw new IllegalArgumentException("Count business days forward: " + businessDays + " is negative");
        }
        var date = from;
        var left = businessDays;
        var skipped = 0;
        while (left > 0) {
            date = date.plusDays(1);
            if (isBusinessDay(date)) {
                left--;
            } else if (++skipped > MAX_SKIPPED_DAYS) {
                throw new IllegalStateException("No business day within ten years of " + from);
            }
        }
        return date;
    }

    /** {@code date} itself when it is a business day, otherwise the next business day after it. */
    public LocalDate onOrAfter(LocalDate date) {
        return isBusinessDay(date) ? date : addBusinessDays(date, 1);
    }

    /** The first business day of the week after {@code date}'s: Monday, unless Monday is a holiday. */
    public LocalDate startOfNextWeek(LocalDate date) {
        return onOrAfter(date.with(TemporalAdjusters.next(DayOfWeek.MONDAY)));
    }
}
