package org.opportune.mail.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import java.util.Map;

import org.opportune.mail.ImportSummary;
import org.opportune.mail.MailboxOverview;
import org.opportune.mail.MailboxView;
import org.opportune.mail.QuarantinedMessageView;

/** What each mail admin page needs. */
public final class Pages {

    private Pages() {
    }

    public record ImportPage(List<MailboxView> mailboxes, String mailbox, @Nullable ImportSummary result,
            @Nullable String error) {
    }

    /**
     * The quarantine list; {@code errorFor} is the message whose dismiss form was sent without a
     * reason ({@code error} says so), {@code null} otherwise.
     */
    public record QuarantinePage(List<QuarantinedMessageView> messages, long openCount, @Nullable Long errorFor,
            @Nullable String error) {

        public QuarantinePage(List<QuarantinedMessageView> messages, long openCount) {
            this(messages, openCount, null, null);
        }
    }

    public record MailboxesPage(List<MailboxOverview> mailboxes) {
    }

    /** The new/edit form; {@code id} is null for a new mailbox. Passwords are never sent back. */
    public record MailboxFormPage(@Nullable Long id, MailboxForm form, Map<String, String> errors,
            boolean imapPasswordStored, boolean smtpPasswordStored) {

        public String action() {
            return id == null ? "/admin/mailboxes" : "/admin/mailboxes/" + id;
        }

        public List<String> securities() {
            return List.of("TLS", "STARTTLS", "NONE");
        }
    }
}
