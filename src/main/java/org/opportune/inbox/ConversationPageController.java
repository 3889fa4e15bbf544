package org.opportune.inbox;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.activity.ActivityFilter;
import org.opportune.activity.ActivityService;
import org.opportune.conversation.ConversationRuleException;
import org.opportune.conversation.ConversationService;
import org.opportune.conversation.ConversationState;
import org.opportune.conversation.ConversationWork;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Permission;
import org.opportune.identity.UserNotFoundException;
import org.opportune.mail.MailMessages;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MessageView;
import org.opportune.shared.SignedInUser;
import org.opportune.triage.TriageService;
import org.opportune.web.Flash;

/** One conversation: its messages and trail, and the buttons that claim, assign, release, archive and reopen it. */
@Controller
@PreAuthorize("hasAuthority('INBOX_VIEW')")
class ConversationPageController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final ConversationWork work;
    private final ConversationService conversations;
    private final MailMessages messages;
    private final MailboxService mailboxes;
    private final TriageService triage;
    private final IdentityService identity;
    private final ActivityService activity;

    ConversationPageController(ConversationWork work, ConversationService conversations, MailMessages messages,
            MailboxService mailboxes, TriageService triage, IdentityService identity, ActivityService activity) {
        this.work = work;
        this.conversations = conversations;
        this.messages = messages;
        this.mailboxes = mailboxes;
        this.triage = triage;
        this.identity = identity;
        this.activity = activity;
    }

    @GetMapping("/conversations/{id}")
    String page(@AuthenticationPrincipal SignedInUser me, Authentication authentication, @PathVariable long id,
            Model model) {
        var state = work.state(id);
        var ownDomains = mailboxes.ownDomains();
        var shown = conversations.messageIds(id).stream()
                .flatMap(messageId -> messages.message(messageId).stream())
                .map(message -> show(message, ownDomains))
                .toList();
        var workers = identity.users().stream().filter(u -> u.active() && u.role().has(Permission.INBOX_WORK)).toList();
        var timeline = activity.page(new ActivityFilter(null, null, "conversation", Long.toString(id), null, null), 0)
                .entries();
        model.addAttribute("page", new ConversationPage(state, shown, ownerName(state), me.userId() == owner(state),
                workers, timeline, has(authentication, Permission.INBOX_WORK), has(authentication, Permission.WORK_ASSIGN)));
        return "inbox/conversation";
    }

    @PostMapping("/conversations/{id}/claim")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String claim(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestParam(required = false) @Nullable String back, RedirectAttributes redirect) {
        return act(id, back, redirect, "You own this conversation now.", () -> work.claim(me.asActor(), id));
    }

    @PostMapping("/conversations/{id}/assign")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String assign(@AuthenticationPrincipal SignedInUser me, Authentication authentication, @PathVariable long id,
            @RequestParam(required = false) @Nullable Long userId, @RequestParam(required = false) @Nullable Long seenOwner,
            @RequestParam(required = false) @Nullable String reason, @RequestParam(required = false) @Nullable String back,
            RedirectAttributes redirect) {
        if (userId == null) {
            Flash.message(redirect, "Choose whom to assign the conversation to.");
            return "redirect:" + safe(back, id);
        }
        return act(id, back, redirect, "Assigned.", () -> work.assign(me.asActor(),
                has(authentication, Permission.WORK_ASSIGN), id, userId, seenOwner, reason));
    }

    @PostMapping("/conversations/{id}/release")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String release(@AuthenticationPrincipal SignedInUser me, Authentication authentication, @PathVariable long id,
            @RequestParam(required = false) @Nullable String back, RedirectAttributes redirect) {
        return act(id, back, redirect, "Released: it is back in Unassigned.",
                () -> work.release(me.asActor(), has(authentication, Permission.WORK_ASSIGN), id, null));
    }

    @PostMapping("/conversations/{id}/archive")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String archive(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestParam(required = false) @Nullable String back, RedirectAttributes redirect) {
        return act(id, back, redirect, "Archived. A new message from the customer brings it back.",
                () -> work.archive(me.asActor(), id));
    }

    @PostMapping("/conversations/{id}/reopen")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String reopen(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestParam(required = false) @Nullable String back, RedirectAttributes redirect) {
        return act(id, back, redirect, "Reopened.", () -> work.reopen(me.asActor(), id));
    }

    private String act(long id, @Nullable String back, RedirectAttributes redirect, String done,
            java.util.function.Supplier<ConversationState> action) {
        try {
            action.get();
            Flash.message(redirect, done);
        } catch (ConversationRuleException e) {
            Flash.message(redirect, e.getMessage());
        }
        return "redirect:" + safe(back, id);
    }

    /** Only a path of ours, never another site: the form's "back" is user input. */
    private static String safe(@Nullable String back, long id) {
        return back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
                && !back.contains("\r") && !back.contains("\n") ? back : "/conversations/" + id;
    }

    private ShownMessage show(MessageView message, java.util.Set<String> ownDomains) {
        var from = message.fromName() != null && !message.fromName().isBlank() ? message.fromName() : message.fromAddress();
        var to = String.join(", ", message.addresses().stream().filter(a -> "to".equalsIgnoreCase(a.kind()))
                .map(a -> a.name() != null && !a.name().isBlank() ? a.name() + " <" + a.address() + ">" : a.address())
                .toList());
        var at = message.fromAddress().lastIndexOf('@');
        var fromUs = at > 0 && ownDomains.contains(message.fromAddress().substring(at + 1).toLowerCase(Locale.ROOT));
        var triaged = triage.triage(message.id());
        var text = message.textBody() != null ? message.textBody() : "";
        return new ShownMessage(message.id(), from, message.fromAddress(), to,
                WHEN.format(message.sentAt().atZone(ZoneId.systemDefault())), message.sentAt().toString(),
                triaged.map(t -> t.category().label()).orElse(null), triaged.map(t -> t.explanation()).orElse(null),
                fromUs, QuotedText.split(text), message.htmlBody() != null && !message.htmlBody().isBlank(),
                message.attachments().stream().filter(a -> !a.inline()).toList());
    }

    private @Nullable String ownerName(ConversationState state) {
        if (state.ownerId() == null) {
            return null;
        }
        try {
            return identity.user(state.ownerId()).displayName();
        } catch (UserNotFoundException e) {
            return "someone who left";
        }
    }

    private static long owner(ConversationState state) {
        return state.ownerId() == null ? -1 : state.ownerId();
    }

    private static boolean has(Authentication authentication, Permission permission) {
        return authentication.getAuthorities().stream().anyMatch(a -> permission.authority().equals(a.getAuthority()));
    }
}
