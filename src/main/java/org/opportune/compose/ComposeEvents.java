package org.opportune.compose;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.shared.Actor;
import org.opportune.shared.Audited;

/** Changes to signatures and reply templates; each is an entry in the activity trail. */
public final class ComposeEvents {

    private ComposeEvents() {
    }

    /**
     * Someone set, changed or removed a signature.
     *
     * @param scope    {@code personal} (a person's default), {@code personal-mailbox} or {@code mailbox-footer}
     * @param was      the text before, empty when there was none
     * @param now      the text now, empty when it was removed
     */
    public record SignatureChanged(Actor actor, long userId, long mailboxId, String scope, String was, String now)
            implements Audited {
        public String action() { return was.isEmpty() ? "signature.set" : now.isEmpty() ? "signature.removed" : "signature.changed"; }
        public String subjectType() { return "signature"; }
        public String subjectId() { return (userId == 0 ? "mailbox " + mailboxId : mailboxId == 0 ? "user " + userId
                : "user " + userId + " mailbox " + mailboxId); }
        public Map<String, Object> before() { return was.isEmpty() ? Map.of() : Map.of("scope", scope, "text", was); }
        public Map<String, Object> after() { return now.isEmpty() ? Map.of() : Map.of("scope", scope, "text", now); }
    }

    /** An admin added a reply template. */
    public record ReplyTemplateCreated(Actor actor, long templateId, String name, @Nullable String subject, String body)
            implements Audited {
        public String action() { return "reply-template.created"; }
        public String subjectType() { return "reply-template"; }
        public String subjectId() { return Long.toString(templateId); }
        public Map<String, Object> after() { return fields(name, subject, body); }
    }

    /** An admin changed a reply template; before and after hold only what changed. */
    public record ReplyTemplateChanged(Actor actor, long templateId, Map<String, Object> before, Map<String, Object> after)
            implements Audited {
        public String action() { return "reply-template.changed"; }
        public String subjectType() { return "reply-template"; }
        public String subjectId() { return Long.toString(templateId); }
    }

    /** An admin deleted a reply template. */
    public record ReplyTemplateDeleted(Actor actor, long templateId, String name, @Nullable String subject, String body)
            implements Audited {
        public String action() { return "reply-template.deleted"; }
        public String subjectType() { return "reply-template"; }
        public String subjectId() { return Long.toString(templateId); }
        public Map<String, Object> before() { return fields(name, subject, body); }
    }

    static Map<String, Object> fields(String name, @Nullable String subject, String body) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", name);
        fields.put("subject", subject == null ? "" : subject);
        fields.put("body", body);
        return fields;
    }
}
