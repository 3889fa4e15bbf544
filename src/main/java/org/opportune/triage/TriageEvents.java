package org.opportune.triage;

import java.util.Map;

import org.opportune.shared.Actor;
import org.opportune.shared.Audited;

/** The people's changes to triage that belong in the activity trail. */
public final class TriageEvents {

    private TriageEvents() {
    }

    /** Someone changed a message's category; with {@code rememberForSender} later mail of that sender gets it too. */
    public record TriageOverridden(Actor actor, long messageId, Category from, Category to, String senderAddress,
            boolean rememberForSender) implements Audited {
        public String action() { return "triage.overridden"; }
        public String subjectType() { return "message"; }
        public String subjectId() { return Long.toString(messageId); }
        public Map<String, Object> before() { return Map.of("category", from.label()); }
        public Map<String, Object> after() {
            return rememberForSender ? Map.of("category", to.label(), "rememberedFor", senderAddress)
                    : Map.of("category", to.label());
        }
    }

    /** An admin changed, disabled or added a phrase rule; {@code before} is empty for a new rule. */
    public record TriageRuleChanged(Actor actor, String ruleId, Map<String, Object> before, Map<String, Object> after)
            implements Audited {
        public String action() { return before.isEmpty() ? "triage.rule_added" : "triage.rule_changed"; }
        public String subjectType() { return "triage_rule"; }
        public String subjectId() { return ruleId; }
    }
}
