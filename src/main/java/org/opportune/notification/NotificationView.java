package org.opportune.notification;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One notification as its recipient sees it.
 *
 * @param actorName  the display name of who caused it; null for the system (a task falling due)
 * @param targetType {@code conversation}, {@code opportunity} or {@code task}: what opening it shows
 * @param anchor     a place on the target's page (such as the mentioning note), or null
 * @param title      the target's subject or title when it happened
 * @param detail     a few words more: the note's first words, the reason given, when the task is due
 */
public record NotificationView(long id, NotificationKind kind, @Nullable String actorName, String targetType,
        long targetId, @Nullable String anchor, String title, @Nullable String detail, Instant createdAt,
        @Nullable Instant readAt) {

    public boolean read() {
        return readAt != null;
    }

    /** The page the notification leads to. */
    public String href() {
        var path = switch (targetType) {
            case "conversation" -> "/conversations/" + targetId;
            case "opportunity" -> "/opportunities/" + targetId;
            default -> "/tasks";
        };
        if (anchor != null) {
            return path + "#" + anchor;
        }
        return targetType.equals("task") ? path + "#task-" + targetId : path;
    }

    /** One line saying what happened, such as "Dana Manager mentioned you". */
    public String headline() {
        if (actorName == null) {
            return switch (kind) {
                case MENTION -> "You were mentioned";
                case CONVERSATION_ASSIGNED -> "A conversation was assigned to you";
                case OPPORTUNITY_ASSIGNED -> "An opportunity was assigned to you";
                case TASK_ASSIGNED -> "A task was given to you";
                case TASK_DUE -> "Your task is due";
                case CUSTOMER_REPLIED -> "The customer wrote again";
            };
        }
        return switch (kind) {
            case MENTION -> actorName + " mentioned you";
            case CONVERSATION_ASSIGNED -> actorName + " assigned a conversation to you";
            case OPPORTUNITY_ASSIGNED -> actorName + " assigned an opportunity to you";
            case TASK_ASSIGNED -> actorName + " gave you a task";
            case TASK_DUE -> "Your task is due";
            case CUSTOMER_REPLIED -> actorName + " wrote again";
        };
    }
}
