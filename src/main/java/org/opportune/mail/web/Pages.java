package org.opportune.mail.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.opportune.mail.ImportSummary;
import org.opportune.mail.MailboxView;
import org.opportune.mail.QuarantinedMessageView;

/** What each mail admin page needs. */
public final class Pages {

    private Pages() {
    }

    public record ImportPage(List<MailboxView> mailboxes, String mailbox, @Nullable ImportSummary result,
            @Nullable String error) {
    }

    public record QuarantinePage(List<QuarantinedMessageView> messages) {

        public long openCount() {
            return messages.stream().filter(QuarantinedMessageView::open).count();
        }
    }
}
