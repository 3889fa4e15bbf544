package org.opportune.opportunity;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.shared.Actor;
import org.opportune.shared.Audited;

/**
 * The facts the {@code opportunity} module publishes. All are {@link Audited}, so the activity trail
 * records them (before → after) in the same transaction as the change.
 */
public final class OpportunityEvents {

    private OpportunityEvents() {
    }

    static final String OPPORTUNITY = "opportunity";

    /** A new opportunity; {@code after} holds what it started with. */
    public record OpportunityCreated(Actor actor, long opportunityId, @Nullable Long ownerId, String stage,
            @Nullable Long conversationId, Map<String, Object> after) implements Audited {
        public String action() { return "opportunity.created"; }
        public String subjectType() { return OPPORTUNITY; }
        public String subjectId() { return Long.toString(opportunityId); }
    }

    /** Fields changed; {@code before} and {@code after} hold just those. */
    public record OpportunityUpdated(Actor actor, long opportunityId, Map<String, Object> before,
            Map<String, Object> after) implements Audited {
        public String action() { return "opportunity.updated"; }
        public String subjectType() { return OPPORTUNITY; }
        public String subjectId() { return Long.toString(opportunityId); }
    }

    /**
     * It moved to another stage: {@code outcome} is set when that closed it (won or lost), and
     * {@code reopened} when it came back from a closed stage.
     */
    public record OpportunityStageChanged(Actor actor, long opportunityId, String fromStage, String toStage,
            @Nullable Outcome outcome, boolean reopened, Map<String, Object> before, Map<String, Object> after)
            implements Audited {
        public String action() {
            if (reopened) {
                return "opportunity.reopened";
            }
            return outcome == null ? "opportunity.stage_changed" : "opportunity." + outcome.label();
        }
        public String subjectType() { return OPPORTUNITY; }
        public String subjectId() { return Long.toString(opportunityId); }
    }

    /**
     * The owner changed: claimed (by the new owner, from nobody), assigned by a manager or handed over by
     * the owner. Also the notification module's cue to tell {@code toUserId}.
     */
    public record OpportunityAssigned(Actor actor, long opportunityId, @Nullable Long fromUserId,
            @Nullable String fromUsername, long toUserId, String toUsername, AssignmentKind kind,
            @Nullable String reason) implements Audited {
        public String action() { return "opportunity." + kind.name().toLowerCase(java.util.Locale.ROOT); }
        public String subjectType() { return OPPORTUNITY; }
        public String subjectId() { return Long.toString(opportunityId); }
        public Map<String, Object> before() {
            return fromUserId == null ? Map.of("owner", "") : Map.of("owner", String.valueOf(fromUsername), "ownerId", fromUserId);
        }
        public Map<String, Object> after() {
            return reason == null ? Map.of("owner", toUsername, "ownerId", toUserId)
                    : Map.of("owner", toUsername, "ownerId", toUserId, "reason", reason);
        }
    }

    /** How an owner came to be. */
    public enum AssignmentKind { CLAIMED, ASSIGNED, HANDED_OVER }

    public record ConversationLinked(Actor actor, long opportunityId, long conversationId) implements Audited {
        public String action() { return "opportunity.conversation_linked"; }
        public String subjectType() { return OPPORTUNITY; }
        public String subjectId() { return Long.toString(opportunityId); }
        public Map<String, Object> after() { return Map.of("conversationId", conversationId); }
    }

    public record ConversationUnlinked(Actor actor, long opportunityId, long conversationId) implements Audited {
        public String action() { return "opportunity.conversation_unlinked"; }
        public String subjectType() { return OPPORTUNITY; }
        public String subjectId() { return Long.toString(opportunityId); }
        public Map<String, Object> before() { return Map.of("conversationId", conversationId); }
    }
}
