package org.opportune.task.web;

import java.util.LinkedHashMap;

import org.jspecify.annotations.Nullable;

import org.opportune.task.Due;
import org.opportune.task.TaskCommand;
import org.opportune.task.TaskEdit;
import org.opportune.task.TaskLinks;

/** The JSON bodies of the task API. Dates are {@code YYYY-MM-DD}, times {@code HH:MM} in the business time zone. */
final class TaskRequests {

    private TaskRequests() {
    }

    /**
     * {@code POST /api/v1/tasks}. Give {@code dueDate} or business days ({@code dueIn: "3 business days"} or
     * {@code dueInBusinessDays: 3}, counted from {@code dueFrom} or today); {@code assigneeId} defaults to you.
     */
    record CreateTask(
            @Nullable String title,
            @Nullable String notes,
            @Nullable String kind,
            @Nullable String dueDate,
            @Nullable String dueTime,
            @Nullable String dueIn,
            @Nullable Integer dueInBusinessDays,
            @Nullable String dueFrom,
            @Nullable Long assigneeId,
            @Nullable Long opportunityId,
            @Nullable Long conversationId,
            @Nullable Long companyId,
            @Nullable Long contactId) {

        TaskCommand toCommand() {
            var in = new Inputs(new LinkedHashMap<>());
            var command = new TaskCommand(title, notes, in.kind(kind), in.due(dueDate, dueTime, dueIn, dueInBusinessDays,
                    dueFrom), assigneeId, new TaskLinks(opportunityId, conversationId, companyId, contactId));
            in.check();
            return command;
        }
    }

    /**
     * {@code PATCH /api/v1/tasks/{id}}: {@code version} is required; a missing field stays as it is, an
     * empty {@code notes} or {@code dueTime} removes it, a link id of 0 removes the link.
     */
    record PatchTask(
            @Nullable Integer version,
            @Nullable String title,
            @Nullable String notes,
            @Nullable String kind,
            @Nullable String dueDate,
            @Nullable String dueTime,
            @Nullable Long opportunityId,
            @Nullable Long conversationId,
            @Nullable Long companyId,
            @Nullable Long contactId) {

        TaskEdit toEdit() {
            var errors = new LinkedHashMap<String, String>();
            var in = new Inputs(errors);
            if (version == null) {
                errors.put("version", "Send the version of the task you changed (from its last GET), so that nobody's change is lost.");
            }
            var edit = new TaskEdit(version == null ? -1 : version, title, notes, in.kind(kind), in.date(dueDate, "dueDate"),
                    in.time(dueTime, "dueTime"), dueTime != null && dueTime.isBlank(), opportunityId, conversationId,
                    companyId, contactId);
            in.check();
            return edit;
        }
    }

    /** {@code POST .../reschedule}: the new due date (and time), or business days; an optional reason. */
    record Reschedule(
            @Nullable Integer version,
            @Nullable String dueDate,
            @Nullable String dueTime,
            @Nullable String dueIn,
            @Nullable Integer dueInBusinessDays,
            @Nullable String dueFrom,
            @Nullable String reason) {

        Due toDue() {
            var in = new Inputs(new LinkedHashMap<>());
            var due = in.due(dueDate, dueTime, dueIn, dueInBusinessDays, dueFrom);
            in.check();
            return due;
        }
    }

    /** {@code POST .../reassign}: who does it now, and why (optional). */
    record Reassign(@Nullable Integer version, @Nullable Long assigneeId, @Nullable String reason) {
    }

    /** {@code POST .../complete}, {@code .../reopen}, {@code .../cancel}: all optional. */
    record Action(@Nullable Integer version, @Nullable String reason) {

        static Action none() {
            return new Action(null, null);
        }
    }
}
