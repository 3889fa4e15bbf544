package org.opportune.task;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Due dates the way people say them: "follow up 3 business days after the proposal", "next Monday".
 * Counts business days with the configured {@link BusinessCalendar}; "today" is the date in the
 * business time zone ({@code opportune.task.zone}).
 */
public class FollowUps {

    private static final Pattern BUSINESS_DAYS = Pattern.compile(
            "\\s*(\\d{1,3})\\s+(?:business|working|work)\\s+days?\\s*", Pattern.CASE_INSENSITIVE);

    private final BusinessCalendar calendar;
    private final ZoneId zone;
    private final Clock clock;

    public FollowUps(BusinessCalendar calendar, ZoneId zone, Clock clock) {
        this.calendar = calendar;
        this.zone = zone;
        this.clock = clock;
    }

    /** {@code businessDays} business days after {@code from}. */
    public LocalDate after(LocalDate from, int businessDays) {
        return calendar.addBusinessDays(from, businessDays);
    }

    /** {@code businessDays} business days after today. */
    public LocalDate fromToday(int businessDays) {
        return after(today(), businessDays);
    }

    /** The first business day of next week. */
    public LocalDate nextWeek() {
        return calendar.startOfNextWeek(today());
    }

    /** Today in the business time zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The current moment, from the application's clock. */
    public Instant now() {
        return clock.instant();
    }

    public ZoneId zone() {
        return zone;
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    /**
     * Reads "3 business days" (also "1 working day"); empty when the text says something else.
     */
    public static OptionalInt parseBusinessDays(String text) {
        var matcher = BUSINESS_DAYS.matcher(text.toLowerCase(Locale.ROOT));
        return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }
}
