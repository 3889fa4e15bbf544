package org.opportune.inbox;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.conversation.ConversationInbox;
import org.opportune.conversation.InboxView;
import org.opportune.mail.MailboxView;
import org.opportune.identity.UserView;

/** Everything the inbox page shows: the views with counts, the filters, the rows and the pager. */
public record InboxPage(InboxView view, Map<InboxView, Long> counts, List<InboxLine> lines, List<MailboxView> mailboxes,
        List<UserView> owners, Map<String, String> categories, @Nullable Long mailbox, @Nullable Long owner,
        @Nullable String category, String q, int page, boolean hasNext) {

    /** A view's count for its tab: "10,000+" beyond what the inbox counts exactly. */
    public String countLabel(InboxView target) {
        var count = counts.getOrDefault(target, 0L);
        return count > ConversationInbox.COUNT_CAP ? String.format(java.util.Locale.ROOT, "%,d+", ConversationInbox.COUNT_CAP)
                : Long.toString(count);
    }

    /** The link to a view with the current filters kept. */
    public String link(InboxView target) {
        return "/inbox?" + query(target, 0);
    }

    public String pageLink(int targetPage) {
        return "/inbox?" + query(view, targetPage);
    }

    public String current() {
        return "/inbox?" + query(view, page);
    }

    private String query(InboxView target, int targetPage) {
        var query = new StringBuilder("view=").append(target.key());
        if (mailbox != null) {
            query.append("&mailbox=").append(mailbox);
        }
        if (owner != null) {
            query.append("&owner=").append(owner);
        }
        if (category != null) {
            query.append("&category=").append(category);
        }
        if (!q.isBlank()) {
            query.append("&q=").append(java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (targetPage > 0) {
            query.append("&page=").append(targetPage);
        }
        return query.toString();
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public boolean filtered() {
        return mailbox != null || owner != null || category != null || !q.isBlank();
    }
}
