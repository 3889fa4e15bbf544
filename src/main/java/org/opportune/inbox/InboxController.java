package org.opportune.inbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.opportune.conversation.ConversationInbox;
import org.opportune.conversation.InboxQuery;
import org.opportune.conversation.InboxRow;
import org.opportune.conversation.InboxView;
import org.opportune.customer.CustomerService;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Permission;
import org.opportune.identity.UserView;
import org.opportune.mail.MailMessages;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MessageSummary;
import org.opportune.opportunity.OpportunityService;
import org.opportune.shared.SignedInUser;
import org.opportune.web.Htmx;

/** The shared inbox: a view, its filters and its rows; HTMX asks for the list alone when it refreshes it. */
@Controller
@PreAuthorize("hasAuthority('INBOX_VIEW')")
class InboxController {

    static final int PAGE_SIZE = 50;

    /** How many conversations of companies whose name matches a search the list looks at. */
    private static final int COMPANY_MATCHES = 500;

    private final ConversationInbox inbox;
    private final MailMessages messages;
    private final MailboxService mailboxes;
    private final IdentityService identity;
    private final CustomerService customers;
    private final OpportunityService opportunities;
    private final Clock clock;

    InboxController(ConversationInbox inbox, MailMessages messages, MailboxService mailboxes, IdentityService identity,
            CustomerService customers, OpportunityService opportunities, Clock clock) {
        this.customers = customers;
        this.opportunities = opportunities;
        this.inbox = inbox;
        this.messages = messages;
        this.mailboxes = mailboxes;
        this.identity = identity;
        this.clock = clock;
    }

    @GetMapping("/inbox")
    String inbox(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "unassigned") String view,
            @RequestParam(required = false) @Nullable Long mailbox, @RequestParam(required = false) @Nullable Long owner,
            @RequestParam(required = false) @Nullable String category, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page, HttpServletRequest request, Model model) {
        var chosen = InboxView.fromKey(view).orElse(InboxView.UNASSIGNED);
        var knownCategory = category != null && Categories.known(category) ? category : null;
        var safePage = Math.max(0, Math.min(page, 10_000));
        var companies = q.isBlank() ? List.<Long>of() : customers.conversationsOfCompaniesNamed(q, COMPANY_MATCHES);
        var rows = inbox.list(new InboxQuery(chosen, me.userId(), mailbox, owner, knownCategory, q, safePage * PAGE_SIZE,
                PAGE_SIZE + 1, companies));
        var users = identity.users();
        var workers = users.stream().filter(u -> u.active() && u.role().has(Permission.INBOX_WORK)).toList();
        var inboxPage = new InboxPage(chosen, inbox.counts(me.userId(), mailbox, owner, knownCategory),
                lines(rows.stream().limit(PAGE_SIZE).toList(), users), mailboxes.mailboxes(), workers,
                Categories.all(), mailbox, owner, knownCategory, q.strip(), safePage, rows.size() > PAGE_SIZE);
        model.addAttribute("page", inboxPage);
        return Htmx.isHtmx(request) ? "inbox/list" : "inbox/inbox";
    }

    private List<InboxLine> lines(List<InboxRow> rows, List<UserView> users) {
        var names = users.stream().collect(Collectors.toMap(UserView::id, UserView::displayName));
        Map<Long, MessageSummary> summaries = new HashMap<>(messages.summaries(rows.stream().map(InboxRow::lastMessageId).toList())
                .stream().collect(Collectors.toMap(MessageSummary::id, Function.identity())));
        var now = clock.instant();
        var ids = rows.stream().map(InboxRow::id).toList();
        var stages = opportunities.stageOfConversations(ids);
        var companies = customers.companyNamesOfConversations(ids);
        return rows.stream().map(row -> {
            var company = companies.get(row.id());
            var summary = summaries.get(row.lastMessageId());
            var sender = summary == null ? "" : summary.fromName() != null && !summary.fromName().isBlank()
                    ? summary.fromName() : summary.fromAddress();
            return new InboxLine(row.id(), row.subject().isBlank() ? "(no subject)" : row.subject(), sender,
                    summary == null ? "" : summary.fromAddress(), company, summary == null ? "" : summary.snippet(),
                    row.category(), row.ownerId() == null ? null : names.getOrDefault(row.ownerId(), "someone"),
                    stages.get(row.id()),
                    Ages.since(row.lastMessageAt(), now), row.lastMessageAt().toString(),
                    summary != null && summary.hasAttachments(), row.waitingOnUs(), row.archived(), row.messageCount());
        }).toList();
    }
}
