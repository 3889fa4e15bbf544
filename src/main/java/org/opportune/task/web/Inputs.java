package org.opportune.task.web;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.task.Due;
import org.opportune.task.TaskKind;
import org.opportune.task.TaskLink;
import org.opportune.task.TaskLinks;

/**
 * Reads the text of forms and JSON into values, collecting a message per field for what cannot be
 * read, so that a typo comes back next to its field rather than as a generic "bad request".
 */
final class Inputs {

    private final Map<String, String> errors;

    Inputs(Map<String, String> errors) {
        this.errors = errors;
    }

    @Nullable LocalDate date(@Nullable String text, String field) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "Write the date as YYYY-MM-DD, such as 2026-03-12.");
            return null;
        }
    }

    @Nullable LocalTime time(@Nullable String text, String field) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "Write the time as HH:MM on a 24-hour clock, such as 14:30.");
            return null;
        }
    }

    @Nullable TaskKind kind(@Nullable String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return TaskKind.fromLabel(text);
        } catch (IllegalArgumentException e) {
            errors.put("kind", e.getMessage());
            return null;
        }
    }

    @Nullable Long number(@Nullable String text, String field) {
        if (blank(text)) {
            return null;
        }
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "Enter a number.");
            return null;
        }
    }

    /** A link chosen in a form as a type and an id; none when the id is empty. */
    TaskLinks link(@Nullable String type, @Nullable String id) {
        var number = number(id, "linkId");
        if (number == null) {
            return TaskLinks.none();
        }
        try {
            return TaskLinks.of(new TaskLink(TaskLink.Type.fromLabel(blank(type) ? "" : type), number));
        } catch (IllegalArgumentException e) {
            errors.put("linkId", e.getMessage());
            return TaskLinks.none();
        }
    }

    /** A due date and time, or business days after {@code from}, as typed; see {@link Due}. */
    Due due(@Nullable String date, @Nullable String time, @Nullable String in, @Nullable Integer businessDays,
            @Nullable String from) {
        return new Due(date(date, "dueDate"), time(time, "dueTime"), in, businessDays, date(from, "dueFrom"));
    }

    /** @throws TaskRequestException with every message collected so far */
    void check() {
        if (!errors.isEmpty()) {
            throw new TaskRequestException(errors);
        }
    }

    static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
