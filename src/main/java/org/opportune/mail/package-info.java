/**
 * Shared mailboxes and the way mail comes in: connections (encrypted secrets), IMAP sync state,
 * storing the raw message once, MIME parsing, quarantine, .eml/mbox import; and the way replies go out:
 * the outbox (SMTP with retries) and, where a mailbox has a Sent folder, the copy appended to it over IMAP
 * as a retried step of its own. Publishes {@link org.opportune.mail.MessageReceived} once per stored message
 * and the audited {@link org.opportune.mail.OutboxEvents}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "web"})
package org.opportune.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
