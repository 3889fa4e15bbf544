/**
 * Shared mailboxes and the way mail comes in: connections (encrypted secrets), IMAP sync state,
 * storing the raw message once, MIME parsing, quarantine, orphan blob collection, .eml/mbox import; and the
 * way replies go out: the outbox (SMTP with retries) and, where a mailbox has a Sent folder, the copy appended
 * to it over IMAP as a retried step of its own. Publishes {@link org.opportune.mail.MessageReceived} once per
 * message stored alone (IMAP sync), or {@link org.opportune.mail.MessagesReceived} (the ids; listeners read the
 * facts with {@link org.opportune.mail.MailMessages#received}) once per batch of an import (each message in
 * exactly one), and the audited {@link org.opportune.mail.OutboxEvents}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "web"})
package org.opportune.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
