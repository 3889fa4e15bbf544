package org.opportune.notification;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's notifications: the newest, the unread count, and marking them read. Every method works on
 * the caller's own notifications only; someone else's id is "not found".
 */
@Service
@Transactional(readOnly = true)
public class NotificationService {

    /** How many the page and the API show. */
    public static final int LIMIT = 100;

    private final NotificationStore store;
    private final Clock clock;

    NotificationService(NotificationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The person's newest notifications, read or not, newest first. */
    public List<NotificationView> recent(long userId) {
        return store.recent(userId, LIMIT);
    }

    public long unreadCount(long userId) {
        return store.unreadCount(userId);
    }

    /**
     * Opens one: marks it read (if it was not) and returns it, so the caller can go where it leads.
     *
     * @throws NotificationNotFoundException when the person has no such notification
     */
    @Transactional
    public NotificationView open(long userId, long id) {
        store.find(userId, id).orElseThrow(() -> NotificationNotFoundException.forId(id));
        store.markRead(userId, id, clock.instant());
        return store.find(userId, id).orElseThrow(() -> NotificationNotFoundException.forId(id));
    }

    /** Marks all the person's notifications read; returns how many were unread. */
    @Transactional
    public int markAllRead(long userId) {
        return store.markAllRead(userId, clock.instant());
    }
}
