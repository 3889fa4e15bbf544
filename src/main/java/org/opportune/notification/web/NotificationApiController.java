package org.opportune.notification.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.opportune.notification.NotificationNotFoundException;
import org.opportune.notification.NotificationService;
import org.opportune.notification.NotificationView;
import org.opportune.shared.SignedInUser;

/**
 * The caller's own notifications as JSON: the newest 100 with the unread count, mark one read, mark all
 * read. Marking read changes only the caller's own view state, so every role may (see package-info of
 * the module); someone else's notification is a 404.
 */
@RestController
@RequestMapping("/api/v1/notifications")
@PreAuthorize("hasAuthority('INBOX_VIEW')")
class NotificationApiController {

    private final NotificationService notifications;

    NotificationApiController(NotificationService notifications) {
        this.notifications = notifications;
    }

    /** One notification; {@code kind} is mention, conversation_assigned, opportunity_assigned, task_assigned, task_due or customer_replied. */
    record NotificationJson(long id, String kind, String headline, @Nullable String actor, String targetType,
            long targetId, String url, String title, @Nullable String detail, Instant createdAt, @Nullable Instant readAt) {
    }

    record NotificationsJson(long unread, List<NotificationJson> notifications) {
    }

    record ReadAllJson(int marked, long unread) {
    }

    @GetMapping
    NotificationsJson list(@AuthenticationPrincipal SignedInUser me) {
        return new NotificationsJson(notifications.unreadCount(me.userId()),
                notifications.recent(me.userId()).stream().map(NotificationApiController::json).toList());
    }

    @PostMapping("/{id}/read")
    NotificationJson read(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return json(notifications.open(me.userId(), id));
    }

    @PostMapping("/read-all")
    ReadAllJson readAll(@AuthenticationPrincipal SignedInUser me) {
        var marked = notifications.markAllRead(me.userId());
        return new ReadAllJson(marked, notifications.unreadCount(me.userId()));
    }

    @ExceptionHandler
    ProblemDetail notFound(NotificationNotFoundException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("No such notification");
        return problem;
    }

    private static NotificationJson json(NotificationView n) {
        return new NotificationJson(n.id(), n.kind().key(), n.headline(), n.actorName(), n.targetType(), n.targetId(),
                n.href(), n.title(), n.detail(), n.createdAt(), n.readAt());
    }
}
