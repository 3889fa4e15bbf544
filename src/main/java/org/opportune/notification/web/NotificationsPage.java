package org.opportune.notification.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.opportune.notification.NotificationView;

/** What the notifications page shows: the person's newest notifications and how many are unread. */
public record NotificationsPage(List<NotificationView> notifications, long unread, Instant now) {

    static NotificationsPage of(List<NotificationView> notifications, long unread, Clock clock) {
        return new NotificationsPage(notifications, unread, clock.instant());
    }

    /** "just now", "5 min ago", "3 h ago", "2 days ago". */
    public String age(NotificationView n) {
        var age = Duration.between(n.createdAt(), now);
        if (age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 1) {
            return age.toHours() + " h ago";
        }
        return age.toDays() == 1 ? "yesterday" : age.toDays() + " days ago";
    }
}
