package org.opportune.mail;

/** A mailbox with its sync status: a row of the admin list and of {@code GET /api/v1/mailboxes}. */
public record MailboxOverview(MailboxView mailbox, MailboxStatus status) {
}
