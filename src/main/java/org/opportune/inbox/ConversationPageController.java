package org.opportune.inbox;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.activity.ActivityFilter;
import org.opportune.activity.ActivityService;
import org.opportune.compose.ReplyTemplateNotFoundException;
import org.opportune.compose.ReplyTemplateService;
import org.opportune.compose.ReplyText;
import org.opportune.compose.ReplyValues;
import org.opportune.compose.SignatureService;
import org.opportune.conversation.ConversationNotes;
import org.opportune.conversation.ConversationRuleException;
import org.opportune.conversation.ConversationService;
import org.opportune.conversation.ConversationState;
import org.opportune.conversation.ConversationWork;
import org.opportune.customer.CustomerService;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Permission;
import org.opportune.identity.UserNotFoundException;
import org.opportune.identity.UserView;
import org.opportune.mail.MailMessages;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MailboxView;
import org.opportune.mail.Outbox;
import org.opportune.mail.OutboxEntry;
import org.opportune.mail.OutboxRuleException;
import org.opportune.mail.OutgoingMail;
import org.opportune.opportunity.OpportunityService;
import org.opportune.opportunity.OpportunityView;
import org.opportune.mail.MessageView;
import org.opportune.shared.SignedInUser;
import org.opportune.triage.TriageService;
import org.opportune.web.Flash;
import org.opportune.web.Htmx;

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
    private final Outbox outbox;
    private final CustomerService customers;
    private final ConversationNotes notes;
    private final OpportunityService opportunities;
    private final SignatureService signatures;
    private final ReplyTemplateService templates;

    ConversationPageController(ConversationWork work, ConversationService conversations, MailMessages messages,
            MailboxService mailboxes, TriageService triage, IdentityService identity, ActivityService activity,
            Outbox outbox, CustomerService customers, OpportunityService opportunities, ConversationNotes notes,
            SignatureService signatures, ReplyTemplateService templates) {
        this.signatures = signatures;
        this.templates = templates;
        this.notes = notes;
        this.customers = customers;
        this.opportunities = opportunities;
        this.work = work;
        this.conversations = conversations;
        this.messages = messages;
        this.mailboxes = mailboxes;
        this.triage = triage;
        this.identity = identity;
        this.activity = activity;
        this.outbox = outbox;
    }

    @GetMapping("/conversations/{id}")
    String page(@AuthenticationPrincipal SignedInUser me, Authentication authentication, @PathVariable long id,
            Model model) {
        return render(me, authentication, id, null, model);
    }

    /**
     * Sends a reply through the outbox. When a message arrived in the conversation after the writer
     * opened the form (a colleague's reply or the customer's), the send is held and the form comes back
     * with the draft and a warning; "Send anyway" sends it.
     */
    @PostMapping("/conversations/{id}/reply")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String reply(@AuthenticationPrincipal SignedInUser me, Authentication authentication, @PathVariable long id,
            @RequestParam long mailboxId, @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String cc, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "0") long seenLastMessageId,
            @RequestParam(defaultValue = "false") boolean sendAnyway,
            @RequestParam(name = "files", required = false) @Nullable List<MultipartFile> files,
            Model model, RedirectAttributes redirect) {
        work.state(id);
        var ids = conversations.messageIds(id);
        var last = ids.isEmpty() ? 0L : ids.get(ids.size() - 1);
        var draftMailboxes = mailboxes.mailboxes();
        var attached = files == null ? List.<MultipartFile>of() : files.stream().filter(f -> !f.isEmpty()).toList();
        if (last != seenLastMessageId && !sendAnyway) {
            var held = new ReplyDraft(mailboxId, draftMailboxes, to, cc, subject, text, last, true, reattach(attached, Map.of()));
            return render(me, authentication, id, held, model);
        }
        var parent = ids.isEmpty() ? null : messages.message(last).orElse(null);
        var mailbox = draftMailboxes.stream().filter(m -> m.id() == mailboxId).findFirst().orElse(null);
        if (mailbox == null) {
            return render(me, authentication, id, new ReplyDraft(mailboxId, draftMailboxes, to, cc, subject, text, last,
                    false, reattach(attached, Map.of("mailboxId", "Choose the mailbox to send from."))), model);
        }
        var references = new ArrayList<String>();
        if (parent != null) {
            references.addAll(parent.references());
            references.add(parent.messageIdHeader());
        }
        try {
            var attachments = new ArrayList<OutgoingMail.Attachment>();
            for (var file : attached) {
                attachments.add(new OutgoingMail.Attachment(
                        file.getOriginalFilename() == null ? "attachment" : file.getOriginalFilename(),
                        file.getContentType() == null ? "application/octet-stream" : file.getContentType(),
                        file.getBytes()));
            }
            outbox.queue(me.asActor(), new OutgoingMail(mailbox.id(), senderName(me, mailbox), addresses(to),
                    addresses(cc), subject, text, parent == null ? null : parent.messageIdHeader(), references, attachments));
        } catch (OutboxRuleException e) {
            return render(me, authentication, id, new ReplyDraft(mailboxId, draftMailboxes, to, cc, subject, text,
                    seenLastMessageId, false, reattach(attached, e.errors())), model);
        } catch (IOException e) {
            return render(me, authentication, id, new ReplyDraft(mailboxId, draftMailboxes, to, cc, subject, text,
                    seenLastMessageId, false, Map.of("files", "An attachment could not be read. Attach it again.")), model);
        }
        Flash.message(redirect, "Reply queued. It shows below as it goes out.");
        return "redirect:/conversations/" + id;
    }

    /**
     * A browser cannot put files back into a file field, so when the form comes back (held, or with an
     * error) the person is told which files to attach again, next to the field.
     */
    private static Map<String, String> reattach(List<MultipartFile> files, Map<String, String> errors) {
        if (files.isEmpty()) {
            return errors;
        }
        var names = files.stream().map(f -> f.getOriginalFilename() == null ? "attachment" : f.getOriginalFilename())
                .collect(Collectors.joining(", "));
        var all = new LinkedHashMap<>(errors);
        var again = "Your text is kept, but files are not: attach " + names + " again before sending.";
        all.merge("files", again, (problem, hint) -> problem + " " + hint);
        return all;
    }

    /**
     * Fills a reply template in from this conversation (its customer, owner, opportunity; the writer and
     * the chosen mailbox) and puts it into the draft above the signature. HTMX swaps just the message
     * field (and the subject, when the template has one); without JavaScript the whole page comes back.
     */
    @PostMapping("/conversations/{id}/reply/template")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String insertTemplate(@AuthenticationPrincipal SignedInUser me, Authentication authentication,
            HttpServletRequest request, @PathVariable long id,
            @RequestParam(defaultValue = "0") long templateId, @RequestParam long mailboxId,
            @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String cc,
            @RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "0") long seenLastMessageId, Model model) {
        var state = work.state(id);
        var all = mailboxes.mailboxes();
        var mailbox = all.stream().filter(m -> m.id() == mailboxId).findFirst().orElse(null);
        var newText = text;
        var newSubject = subject;
        String status;
        try {
            var rendered = templates.render(templateId, values(me, authentication, state, mailbox));
            var block = signatures.blocks(me.userId(), List.of(mailboxId)).getOrDefault(mailboxId, "");
            newText = ReplyText.insert(text, block, rendered.body());
            if (rendered.subject() != null) {
                newSubject = rendered.subject();
            }
            status = "Inserted the template " + rendered.name() + (rendered.subject() != null ? " and its subject." : ".");
        } catch (ReplyTemplateNotFoundException e) {
            status = templateId == 0 ? "Choose a template first." : "That template was deleted; choose another one.";
        }
        var draft = new ReplyDraft(mailboxId, all, to, cc, newSubject, newText, seenLastMessageId, false, Map.of());
        if (Htmx.isHtmx(request)) {
            model.addAttribute("draft", draft);
            model.addAttribute("status", status);
            model.addAttribute("subjectChanged", !newSubject.equals(subject));
            return "inbox/fragments/replyText";
        }
        return render(me, authentication, id, draft, model);
    }

    private ReplyValues values(SignedInUser me, Authentication authentication, ConversationState state,
            @Nullable MailboxView mailbox) {
        var customer = customers.customerOfConversation(state.id()).orElse(null);
        String opportunity = null;
        if (has(authentication, Permission.PIPELINE_VIEW)) {
            var linked = opportunities.opportunitiesOfConversation(state.id());
            if (!linked.isEmpty()) {
                opportunity = opportunities.opportunity(me.asActor(), linked.get(linked.size() - 1)).title();
            }
        }
        return new ReplyValues(customer == null ? null : customer.contact().name(),
                customer == null || customer.company() == null ? null : customer.company().name(),
                state.ownerId() == null ? null : ownerName(state), me.displayName(),
                mailbox == null ? null : mailbox.name(), opportunity);
    }

    /** An internal note; "@name" mentions a colleague. */
    @PostMapping("/conversations/{id}/notes")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String note(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestParam(defaultValue = "") String body,
            RedirectAttributes redirect) {
        try {
            var note = notes.add(me.asActor(), id, body);
            Flash.message(redirect, note.mentions().isEmpty() ? "Note added."
                    : "Note added; mentioned " + String.join(", ", note.mentions()) + ".");
        } catch (ConversationRuleException e) {
            Flash.message(redirect, e.getMessage());
        }
        return "redirect:/conversations/" + id + "#notes";
    }

    @PostMapping("/outbox/{outboxId}/retry")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String retry(@AuthenticationPrincipal SignedInUser me, @PathVariable long outboxId,
            @RequestParam(required = false) @Nullable String back, RedirectAttributes redirect) {
        var entry = outbox.retry(me.asActor(), outboxId);
        Flash.message(redirect, entry.sent() ? "Putting it in the Sent folder again." : "Sending again.");
        return "redirect:" + safe(back, 0);
    }

    private String render(SignedInUser me, Authentication authentication, long id, @Nullable ReplyDraft draft,
            Model model) {
        var state = work.state(id);
        var ownDomains = mailboxes.ownDomains();
        var ids = conversations.messageIds(id);
        var sent = outbox.forMessages(ids);
        var views = messages.messages(ids);
        var shown = views.stream().map(message -> show(message, ownDomains, sent.get(message.id()))).toList();
        var users = identity.users();
        var workers = users.stream().filter(u -> u.active() && u.role().has(Permission.INBOX_WORK)).toList();
        var entries = activity.page(new ActivityFilter(null, null, "conversation", Long.toString(id), null, null), 0)
                .entries();
        var userNames = users.stream().collect(Collectors.toMap(UserView::username, UserView::displayName, (a, b) -> a));
        var timeline = TimelineLine.of(shown, entries, userNames);
        var canWork = has(authentication, Permission.INBOX_WORK);
        var reply = draft != null ? draft : canWork ? newDraft(me, views, ownDomains) : null;
        var tools = reply == null ? ReplyTools.none() : new ReplyTools(
                signatures.blocks(me.userId(), reply.mailboxes().stream().map(MailboxView::id).toList()),
                templates.templates(), Outbox.megabytes(outbox.maxAttachmentBytes()),
                reply.mailboxes().stream().collect(Collectors.toMap(MailboxView::id, mb -> senderName(me, mb))));
        var linked = has(authentication, Permission.PIPELINE_VIEW)
                ? opportunities.opportunitiesOfConversation(id).stream()
                        .map(opportunityId -> opportunities.opportunity(me.asActor(), opportunityId)).toList()
                : List.<OpportunityView>of();
        var notesOf = this.notes.notes(id);
        model.addAttribute("page", new ConversationPage(state, shown, ThreadItem.of(shown, notesOf), ownerName(state), me.userId() == owner(state),
                workers, timeline, canWork, has(authentication, Permission.WORK_ASSIGN), reply,
                customers.customerOfConversation(id).orElse(null), linked, tools));
        return "inbox/conversation";
    }

    /** A reply to the newest message from outside: to its Reply-To or sender, from the mailbox it came to. */
    private @Nullable ReplyDraft newDraft(SignedInUser me, List<MessageView> views, Set<String> ownDomains) {
        var all = mailboxes.mailboxes();
        if (views.isEmpty() || all.isEmpty()) {
            return null;
        }
        var last = views.get(views.size() - 1);
        var customer = last;
        for (int i = views.size() - 1; i >= 0; i--) {
            if (!fromUs(views.get(i), ownDomains)) {
                customer = views.get(i);
                break;
            }
        }
        var to = customer.addresses().stream().filter(a -> "reply_to".equalsIgnoreCase(a.kind())).map(a -> a.address())
                .findFirst().orElse(customer.fromAddress());
        var mailboxId = customer.mailboxIds().stream().filter(mid -> all.stream().anyMatch(m -> m.id() == mid))
                .findFirst().orElse(all.get(0).id());
        var subject = customer.subject().regionMatches(true, 0, "re:", 0, 3) ? customer.subject()
                : "Re: " + customer.subject();
        var signature = signatures.blocks(me.userId(), List.of(mailboxId)).getOrDefault(mailboxId, "");
        return new ReplyDraft(mailboxId, all, fromUs(customer, ownDomains) ? "" : to, "", subject,
                ReplyText.withSignature(signature), last.id(), false, Map.of());
    }

    /** "Anna at Sales": the person and the mailbox, as the customer sees the sender (opportune.mail.outbox.sender-name). */
    private String senderName(SignedInUser me, MailboxView mailbox) {
        return outbox.senderName(me.displayName(), mailbox.name());
    }

    private static List<String> addresses(String field) {
        return Arrays.stream(field.split("[,;]")).map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    private static boolean fromUs(MessageView message, Set<String> ownDomains) {
        var at = message.fromAddress().lastIndexOf('@');
        return at > 0 && ownDomains.contains(message.fromAddress().substring(at + 1).toLowerCase(Locale.ROOT));
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
            Supplier<ConversationState> action) {
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
                && !back.contains("\r") && !back.contains("\n") ? back : id > 0 ? "/conversations/" + id : "/inbox";
    }

    private ShownMessage show(MessageView message, Set<String> ownDomains, @Nullable OutboxEntry sent) {
        var from = message.fromName() != null && !message.fromName().isBlank() ? message.fromName() : message.fromAddress();
        var to = String.join(", ", message.addresses().stream().filter(a -> "to".equalsIgnoreCase(a.kind()))
                .map(a -> a.name() != null && !a.name().isBlank() ? a.name() + " <" + a.address() + ">" : a.address())
                .toList());
        var fromUs = fromUs(message, ownDomains);
        var triaged = triage.triage(message.id());
        var text = message.textBody() != null ? message.textBody() : "";
        return new ShownMessage(message.id(), from, message.fromAddress(), to,
                WHEN.format(message.sentAt().atZone(ZoneId.systemDefault())), message.sentAt().toString(),
                triaged.map(t -> t.category().label()).orElse(null), triaged.map(t -> t.explanation()).orElse(null),
                fromUs, QuotedText.split(text), message.htmlBody() != null && !message.htmlBody().isBlank(),
                message.attachments().stream().filter(a -> !a.inline()).toList(), sent);
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
