package org.opportune.mail;

import java.util.Map;

import org.opportune.shared.Actor;
import org.opportune.shared.Audited;

/** What happens to a reply on its way out; every step is in the activity trail. */
public final class OutboxEvents {

    private static final String OUTBOX = "outbox";

    private OutboxEvents() {
    }

    /** Someone wrote a message and it is queued to go out (and shown in the thread already). */
    public record ReplyQueued(Actor actor, long outboxId, long mailboxId, String recipients, String subject)
            implements Audited {
        public String action() { return "reply.queued"; }
        public String subjectType() { return OUTBOX; }
        public String subjectId() { return Long.toString(outboxId); }
        public Map<String, Object> after() { return Map.of("to", recipients, "subject", subject, "status", "queued"); }
    }

    /** The mail server accepted the message. */
    public record ReplySent(long outboxId, String recipients, int attempts) implements Audited {
        public Actor actor() { return Actor.system(); }
        public String action() { return "reply.sent"; }
        public String subjectType() { return OUTBOX; }
        public String subjectId() { return Long.toString(outboxId); }
        public Map<String, Object> before() { return Map.of("status", "queued"); }
        public Map<String, Object> after() { return Map.of("status", "sent", "to", recipients, "attempts", attempts); }
    }

    /** Sending failed for good (or too often); a person can retry it. */
    public record ReplyFailed(long outboxId, String reason, int attempts) implements Audited {
        public Actor actor() { return Actor.system(); }
        public String action() { return "reply.failed"; }
        public String subjectType() { return OUTBOX; }
        public String subjectId() { return Long.toString(outboxId); }
        public Map<String, Object> before() { return Map.of("status", "sending"); }
        public Map<String, Object> after() { return Map.of("status", "failed", "reason", reason, "attempts", attempts); }
    }

    /** Someone sent a failed message again. */
    public record ReplyRetried(Actor actor, long outboxId) implements Audited {
        public String action() { return "reply.retried"; }
        public String subjectType() { return OUTBOX; }
        public String subjectId() { return Long.toString(outboxId); }
        public Map<String, Object> before() { return Map.of("status", "failed"); }
        public Map<String, Object> after() { return Map.of("status", "queued"); }
    }

    /** The sent message was put in the mailbox's Sent folder over IMAP. */
    public record SentCopyAppended(long outboxId, String folder, int attempts) implements Audited {
        public Actor actor() { return Actor.system(); }
        public String action() { return "reply.copied_to_sent"; }
        public String subjectType() { return OUTBOX; }
        public String subjectId() { return Long.toString(outboxId); }
        public Map<String, Object> after() { return Map.of("folder", folder, "attempts", attempts); }
    }

    /** Putting the sent message in the Sent folder failed too often; it was sent all the same. */
    public record SentCopyFailed(long outboxId, String folder, String reason, int attempts) implements Audited {
        public Actor actor() { return Actor.system(); }
        public String action() { return "reply.copy_to_sent_failed"; }
        public String subjectType() { return OUTBOX; }
        public String subjectId() { return Long.toString(outboxId); }
        public Map<String, Object> after() { return Map.of("folder", folder, "reason", reason, "attempts", attempts); }
    }

    /** Someone asked for the Sent folder copy to be tried again. */
    public record SentCopyRetried(Actor actor, long outboxId) implements Audited {
        public String action() { return "reply.copy_to_sent_retried"; }
        public String subjectType() { return OUTBOX; }
        public String subjectId() { return Long.toString(outboxId); }
        public Map<String, Object> before() { return Map.of("sentFolderCopy", "failed"); }
        public Map<String, Object> after() { return Map.of("sentFolderCopy", "pending"); }
    }
}
