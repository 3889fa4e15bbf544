package org.opportune.notification.web;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.notification.NotificationService;
import org.opportune.shared.SignedInUser;
import org.opportune.web.Flash;
import org.opportune.web.Htmx;

/**
 * The notifications page, the unread count in the layout, opening one (marks it read and goes where it
 * leads) and "mark all read". Any signed-in person has notifications; each sees only their own.
 */
@Controller
@RequestMapping("/notifications")
class NotificationController {

    private final NotificationService notifications;
    private final Clock clock;

    NotificationController(NotificationService notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @GetMapping
    String page(@AuthenticationPrincipal SignedInUser me, HttpServletRequest request, Model model) {
        model.addAttribute("page", NotificationsPage.of(notifications.recent(me.userId()),
                notifications.unreadCount(me.userId()), clock));
        return Htmx.isHtmx(request) ? "notification/fragments/list" : "notification/notifications";
    }

    /** The unread count the layout's link shows (and polls). */
    @GetMapping("/count")
    String count(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("unread", notifications.unreadCount(me.userId()));
        return "notification/fragments/count";
    }

    /** A POST (with the CSRF token), so no other site can mark someone's notifications read with a link. */
    @PostMapping("/{id}/open")
    String open(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return "redirect:" + notifications.open(me.userId(), id).href();
    }

    @PostMapping("/read-all")
    String readAll(@AuthenticationPrincipal SignedInUser me, RedirectAttributes redirect) {
        var changed = notifications.markAllRead(me.userId());
        Flash.message(redirect, changed == 0 ? "Nothing was unread." : changed == 1 ? "Marked 1 notification read."
                : "Marked " + changed + " notifications read.");
        return "redirect:/notifications";
    }
}
