/**
 * IMAP sync: one {@link org.opportune.mail.sync.MailboxSyncer} per enabled mailbox on the node that
 * holds the mailbox's lease; sync state by UIDVALIDITY + UID; connection tests.
 */
@NullMarked
package org.opportune.mail.sync;

import org.jspecify.annotations.NullMarked;
