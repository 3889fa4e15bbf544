package org.opportune.task.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.task.TaskCommand;

/**
 * The create form. Everything arrives as text so that a typo becomes a message next to its field;
 * the rules live in {@code TaskService}. A due date or "in N business days" ({@code dueIn}).
 */
public record TaskForm(
        @Nullable String title,
        @Nullable String notes,
        @Nullable String kind,
        @Nullable String dueDate,
        @Nullable String dueTime,
        @Nullable String dueIn,
        @Nullable String assigneeId,
        @Nullable String linkType,
        @Nullable String linkId,
        @Nullable String returnTo) {

    static TaskForm empty() {
        return new TaskForm("", "", "follow_up", "", "", "", "", "conversation", "", "/tasks");
    }

    static TaskForm linkedTo(String linkType, long linkId, String returnTo) {
        return new TaskForm("", "", "follow_up", "", "", "", "", linkType, Long.toString(linkId), returnTo);
    }

    TaskCommand toCommand(Map<String, String> errors) {
        var in = new Inputs(errors);
        return new TaskCommand(title, notes, in.kind(kind), in.due(dueDate, dueTime, dueIn, null, null),
                in.number(assigneeId, "assigneeId"), in.link(linkType, linkId));
    }

    public String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
