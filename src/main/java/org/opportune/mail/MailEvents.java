package org.opportune.mail;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.shared.Actor;
import org.opportune.shared.Audited;

/** The admin actions on incoming mail that belong in the activity trail. */
public final class MailEvents {

    private MailEvents() {
    }

    private static final String QUARANTINED_MESSAGE = "quarantined_message";

    /** Someone downloaded a quarantined raw message. */
    public record QuarantinedMessageDownloaded(Actor actor, long quarantineId) implements Audited {
        public String action() { return "mail.quarantine_downloaded"; }
        public String subjectType() { return QUARANTINED_MESSAGE; }
        public String subjectId() { return Long.toString(quarantineId); }
    }

    /** Someone ran a quarantined message through ingestion again; {@code messageId} is set when it is now stored. */
    public record QuarantinedMessageRetried(Actor actor, long quarantineId, String statusBefore,
            IngestResult.Outcome outcome, @Nullable Long messageId, @Nullable String reason) implements Audited {
        public String action() { return "mail.quarantine_retried"; }
        public String subjectType() { return QUARANTINED_MESSAGE; }
        public String subjectId() { return Long.toString(quarantineId); }
        public Map<String, Object> before() { return Map.of("status", statusBefore); }
        public Map<String, Object> after() {
            var after = new LinkedHashMap<String, Object>();
            after.put("outcome", outcome.name());
            if (messageId != null) {
                after.put("messageId", messageId);
            }
            if (reason != null) {
                after.put("reason", reason);
            }
            return after;
        }
    }

    /** Someone set an open quarantined message aside, with a reason; its raw message is kept. */
    public record QuarantinedMessageDismissed(Actor actor, long quarantineId, String quarantineReason,
            String dismissReason) implements Audited {
        public String action() { return "mail.quarantine_dismissed"; }
        public String subjectType() { return QUARANTINED_MESSAGE; }
        public String subjectId() { return Long.toString(quarantineId); }
        public Map<String, Object> before() { return Map.of("status", "OPEN", "reason", quarantineReason); }
        public Map<String, Object> after() { return Map.of("status", "DISMISSED", "dismissReason", dismissReason); }
    }

    /** Someone undid a dismissal: the quarantined message is open again. */
    public record QuarantinedMessageReopened(Actor actor, long quarantineId, String dismissReason) implements Audited {
        public String action() { return "mail.quarantine_reopened"; }
        public String subjectType() { return QUARANTINED_MESSAGE; }
        public String subjectId() { return Long.toString(quarantineId); }
        public Map<String, Object> before() { return Map.of("status", "DISMISSED", "dismissReason", dismissReason); }
        public Map<String, Object> after() { return Map.of("status", "OPEN"); }
    }

    /** Mail was imported from files into a mailbox (jar command or admin upload). */
    public record MailImported(Actor actor, long mailboxId, String mailboxAddress, int newMessages, int duplicates,
            int quarantined) implements Audited {
        public String action() { return "mail.imported"; }
        public String subjectType() { return "mailbox"; }
        public String subjectId() { return Long.toString(mailboxId); }
        public Map<String, Object> after() {
            return Map.of("mailbox", mailboxAddress, "new", newMessages, "duplicate", duplicates, "quarantined", quarantined);
        }
    }

    private static final String MAILBOX = "mailbox";

    /** A change to a mailbox's connection or sync; the sync on every node follows it. */
    public sealed interface MailboxChanged extends Audited
            permits MailboxCreated, MailboxUpdated, MailboxSyncEnabled, MailboxSyncDisabled {
        long mailboxId();
    }

    /** A mailbox was set up; {@code settings} never hold a secret, only whether a password is set. */
    public record MailboxCreated(Actor actor, long mailboxId, Map<String, Object> settings) implements MailboxChanged {
        public String action() { return "mailbox.created"; }
        public String subjectType() { return MAILBOX; }
        public String subjectId() { return Long.toString(mailboxId); }
        public Map<String, Object> after() { return settings; }
    }

    /** Settings changed: only the changed fields, before and after; a new password shows as {@code changed}. */
    public record MailboxUpdated(Actor actor, long mailboxId, Map<String, Object> before, Map<String, Object> after)
            implements MailboxChanged {
        public String action() { return "mailbox.updated"; }
        public String subjectType() { return MAILBOX; }
        public String subjectId() { return Long.toString(mailboxId); }
    }

    public record MailboxSyncEnabled(Actor actor, long mailboxId) implements MailboxChanged {
        public String action() { return "mailbox.sync_enabled"; }
        public String subjectType() { return MAILBOX; }
        public String subjectId() { return Long.toString(mailboxId); }
        public Map<String, Object> before() { return Map.of("syncEnabled", false); }
        public Map<String, Object> after() { return Map.of("syncEnabled", true); }
    }

    public record MailboxSyncDisabled(Actor actor, long mailboxId) implements MailboxChanged {
        public String action() { return "mailbox.sync_disabled"; }
        public String subjectType() { return MAILBOX; }
        public String subjectId() { return Long.toString(mailboxId); }
        public Map<String, Object> before() { return Map.of("syncEnabled", true); }
        public Map<String, Object> after() { return Map.of("syncEnabled", false); }
    }

    /** An admin tested a mailbox's connection; the outcome, never the password. */
    public record MailboxConnectionTested(Actor actor, long mailboxId, boolean ok, String problem) implements Audited {
        public String action() { return "mailbox.connection_tested"; }
        public String subjectType() { return MAILBOX; }
        public String subjectId() { return Long.toString(mailboxId); }
        public Map<String, Object> after() { return Map.of("ok", ok, "problem", problem); }
    }
}
