/**
 * Shared mailboxes and the way mail comes in: connections (encrypted secrets), IMAP sync state,
 * storing the raw message once, MIME parsing, quarantine, .eml/mbox import. Publishes
 * {@link org.opportune.mail.MessageReceived} once per stored message.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "web"})
package org.opportune.mail;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
