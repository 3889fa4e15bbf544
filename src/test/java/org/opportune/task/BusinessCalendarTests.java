package org.opportune.task;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarTests {

    private static final LocalDate FRIDAY = LocalDate.of(2026, 3, 6);

    private final BusinessCalendar weekdays = BusinessCalendar.weekdays();

    @Test
    void fridayPlusOneBusinessDayIsMonday() {
        assertThat(weekdays.addBusinessDays(FRIDAY, 1)).isEqualTo(LocalDate.of(2026, 3, 9));
    }

    @Test
    void aWeekendDayPlusOneIsTheFollowingMonday() {
        assertThat(weekdays.addBusinessDays(LocalDate.of(2026, 3, 7), 1)).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(weekdays.addBusinessDays(LocalDate.of(2026, 3, 8), 1)).isEqualTo(LocalDate.of(2026, 3, 9));
    }

    @Test
    void skipsAHolidayAndTheWeekendAroundIt() {
        var goodFriday = LocalDate.of(2026, 4, 3);
        var easterMonday = LocalDate.of(2026, 4, 6);
        var calendar = calendar(goodFriday, easterMonday);

        var thursdayPlusOne = calendar.addBusinessDays(LocalDate.of(2026, 4, 2), 1);
        var thursdayPlusThree = calendar.addBusinessDays(LocalDate.of(2026, 4, 2), 3);

        assertThat(thursdayPlusOne).isEqualTo(LocalDate.of(2026, 4, 7));
        assertThat(thursdayPlusThree).isEqualTo(LocalDate.of(2026, 4, 9));
        assertThat(calendar.isBusinessDay(goodFriday)).isFalse();
    }

    @Test
    void countsAcrossTheYearEndWithItsHolidays() {
        var calendar = calendar(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26), LocalDate.of(2027, 1, 1));

        var fromChristmasEve = calendar.addBusinessDays(LocalDate.of(2026, 12, 24), 1);
        var fromNewYearsEve = calendar.addBusinessDays(LocalDate.of(2026, 12, 31), 1);
        var threeFromDec30 = calendar.addBusinessDays(LocalDate.of(2026, 12, 30), 3);

        assertThat(fromChristmasEve).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(fromNewYearsEve).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(threeFromDec30).isEqualTo(LocalDate.of(2027, 1, 5));
    }

    @Test
    void zeroBusinessDaysIsTheSameDate() {
        assertThat(weekdays.addBusinessDays(FRIDAY, 0)).isEqualTo(FRIDAY);
        assertThat(weekdays.addBusinessDays(LocalDate.of(2026, 3, 7), 0)).isEqualTo(LocalDate.of(2026, 3, 7));
    }

    @Test
    void refusesNegativeBusinessDays() {
        assertThatThrownBy(() -> weekdays.addBusinessDays(FRIDAY, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void aConfiguredWeekendReplacesSaturdayAndSunday() {
        var fridaySaturdayOff = new BusinessCalendar(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), List.of());

        var thursdayPlusOne = fridaySaturdayOff.addBusinessDays(LocalDate.of(2026, 3, 5), 1);

        assertThat(thursdayPlusOne).isEqualTo(LocalDate.of(2026, 3, 8));
    }

    @Test
    void refusesAWeekendOfEveryDay() {
        assertThatThrownBy(() -> new BusinessCalendar(EnumSet.allOf(DayOfWeek.class), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nextWeekStartsOnMondayOrTheFirstBusinessDayAfterIt() {
        var easterMonday = LocalDate.of(2026, 4, 6);

        assertThat(weekdays.startOfNextWeek(LocalDate.of(2026, 3, 11))).isEqualTo(LocalDate.of(2026, 3, 16));
        assertThat(weekdays.startOfNextWeek(LocalDate.of(2026, 3, 16))).isEqualTo(LocalDate.of(2026, 3, 23));
        assertThat(calendar(easterMonday).startOfNextWeek(LocalDate.of(2026, 4, 1))).isEqualTo(LocalDate.of(2026, 4, 7));
    }

    @Test
    void followUpsCountFromTodayInTheBusinessTimeZone() {
        // 23:30 UTC on Friday is already Saturday in Berlin: the next business day is Monday, not Monday + 1
        var lateFriday = Clock.fixed(Instant.parse("2026-03-06T23:30:00Z"), ZoneId.of("UTC"));
        var followUps = new FollowUps(weekdays, ZoneId.of("Europe/Berlin"), lateFriday);

        assertThat(followUps.today()).isEqualTo(LocalDate.of(2026, 3, 7));
        assertThat(followUps.fromToday(1)).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(followUps.after(FRIDAY, 3)).isEqualTo(LocalDate.of(2026, 3, 11));
    }

    @Test
    void readsBusinessDaysAsPeopleWriteThem() {
        assertThat(FollowUps.parseBusinessDays("3 business days")).isEqualTo(OptionalInt.of(3));
        assertThat(FollowUps.parseBusinessDays(" 1 Business Day ")).isEqualTo(OptionalInt.of(1));
        assertThat(FollowUps.parseBusinessDays("10 working days")).isEqualTo(OptionalInt.of(10));
        assertThat(FollowUps.parseBusinessDays("three business days")).isEmpty();
        assertThat(FollowUps.parseBusinessDays("-2 business days")).isEmpty();
        assertThat(FollowUps.parseBusinessDays("3 days")).isEmpty();
    }

    private static BusinessCalendar calendar(LocalDate... holidays) {
        return new BusinessCalendar(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), List.of(holidays));
    }
}
