package org.opportune.notification;

import java.util.Locale;

/** What a notification is about. */
public enum NotificationKind {
    /** An internal note @mentioned you. */
    MENTION,
    /** Someone else made you the owner of a conversation. */
    CONVERSATION_ASSIGNED,
    /** Someone else made you the owner of an opportunity. */
    OPPORTUNITY_ASSIGNED,
    /** Someone else gave you a task (created it for you or handed it over). */
    TASK_ASSIGNED,
    /** A task of yours fell due. */
    TASK_DUE,
    /** The customer wrote again in a conversation you own. */
    CUSTOMER_REPLIED;

    /** The value stored and shown in the API, such as {@code conversation_assigned}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static NotificationKind of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
