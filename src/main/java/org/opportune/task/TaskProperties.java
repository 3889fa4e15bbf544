package org.opportune.task;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of tasks, prefix {@code opportune.task}.
 *
 * @param zone           the business time zone: what "today" and a due time mean
 * @param holidays       dates that are not business days, such as {@code 2026-12-25}
 * @param weekend        the days of the week that are not business days
 * @param doneRecently   how far back "Done recently" on the tasks page looks
 * @param reminders      whether this node looks for due tasks every minute, to publish {@link TaskEvents.TaskDue}
 */
@ConfigurationProperties("opportune.task")
public record TaskProperties(
        @DefaultValue("Europe/Berlin") ZoneId zone,
        @DefaultValue List<LocalDate> holidays,
        @DefaultValue({"SATURDAY", "SUNDAY"}) List<DayOfWeek> weekend,
        @DefaultValue("7d") Duration doneRecently,
        @DefaultValue("true") boolean reminders) {
}
