package org.opportune.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.shared.Actor;
import org.opportune.shared.Audited;

/**
 * The facts the {@code identity} module publishes. Each is {@link Audited}, so the activity trail
 * records it in the same transaction as the change.
 */
public final class IdentityEvents {

    private IdentityEvents() {
    }

    private static final String USER = "user";

    /** A user account was created: by an admin, by first-run setup, or by the demo. */
    public record UserCreated(Actor actor, long userId, String username, Role role, String via) implements Audited {
        public String action() { return "user.created"; }
        public String subjectType() { return USER; }
        public String subjectId() { return Long.toString(userId); }
        public Map<String, Object> after() { return Map.of("username", username, "role", role.name(), "via", via); }
    }

    public record UserRoleChanged(Actor actor, long userId, Role from, Role to) implements Audited {
        public String action() { return "user.role_changed"; }
        public String subjectType() { return USER; }
        public String subjectId() { return Long.toString(userId); }
        public Map<String, Object> before() { return Map.of("role", from.name()); }
        public Map<String, Object> after() { return Map.of("role", to.name()); }
    }

    /** A user was deactivated; all their sessions were ended and their API tokens revoked in the same transaction. */
    public record UserDeactivated(Actor actor, long userId, String username, int sessionsEnded, int tokensRevoked)
            implements Audited {
        public String action() { return "user.deactivated"; }
        public String subjectType() { return USER; }
        public String subjectId() { return Long.toString(userId); }
        public Map<String, Object> before() { return Map.of("active", true); }
        public Map<String, Object> after() {
            return Map.of("active", false, "sessionsEnded", sessionsEnded, "tokensRevoked", tokensRevoked);
        }
    }

    /** A person created a personal API token; the secret itself is never recorded. */
    public record ApiTokenCreated(Actor actor, long tokenId, long userId, String label, String prefix) implements Audited {
        public String action() { return "api_token.created"; }
        public String subjectType() { return USER; }
        public String subjectId() { return Long.toString(userId); }
        public Map<String, Object> after() { return Map.of("token", prefix, "label", label, "revoked", false); }
    }

    /** A token was revoked, by its owner or by an admin; requests with it fail from now on. */
    public record ApiTokenRevoked(Actor actor, long tokenId, long userId, String label, String prefix) implements Audited {
        public String action() { return "api_token.revoked"; }
        public String subjectType() { return USER; }
        public String subjectId() { return Long.toString(userId); }
        public Map<String, Object> before() { return Map.of("token", prefix, "label", label, "revoked", false); }
        public Map<String, Object> after() { return Map.of("token", prefix, "label", label, "revoked", true); }
    }

    public record UserReactivated(Actor actor, long userId, String username) implements Audited {
        public String action() { return "user.reactivated"; }
        public String subjectType() { return USER; }
        public String subjectId() { return Long.toString(userId); }
        public Map<String, Object> before() { return Map.of("active", false); }
        public Map<String, Object> after() { return Map.of("active", true); }
    }

    /** A password was set: by its owner, or reset by an admin ({@code byAdmin}). */
    public record PasswordChanged(Actor actor, long userId, boolean byAdmin) implements Audited {
        public String action() { return byAdmin ? "user.password_reset" : "user.password_changed"; }
        public String subjectType() { return USER; }
        public String subjectId() { return Long.toString(userId); }
    }

    public record DisplayNameChanged(Actor actor, long userId, String from, String to) implements Audited {
        public String action() { return "user.display_name_changed"; }
        public String subjectType() { return USER; }
        public String subjectId() { return Long.toString(userId); }
        public Map<String, Object> before() { return Map.of("displayName", from); }
        public Map<String, Object> after() { return Map.of("displayName", to); }
    }

    public record LoginSucceeded(Actor actor, long userId) implements Audited {
        public String action() { return "login.succeeded"; }
        public String subjectType() { return USER; }
        public String subjectId() { return Long.toString(userId); }
    }

    /** A sign-in failed; {@code userId} is null when no such account exists. */
    public record LoginFailed(Actor actor, @Nullable Long userId, String reason) implements Audited {
        public String action() { return "login.failed"; }
        public String subjectType() { return USER; }
        public String subjectId() { return userId == null ? actor.name() : Long.toString(userId); }
        public Map<String, Object> after() { return Map.of("reason", reason); }
    }

    /** A sign-in was refused without checking the password, because of too many failures. */
    public record LoginThrottled(Actor actor, String remoteAddr, long retryAfterMinutes) implements Audited {
        public String action() { return "login.throttled"; }
        public String subjectType() { return USER; }
        public String subjectId() { return actor.name(); }
        public Map<String, Object> after() {
            var after = new LinkedHashMap<String, Object>();
            after.put("remoteAddr", remoteAddr);
            after.put("retryAfterMinutes", retryAfterMinutes);
            return after;
        }
    }

    public record LoggedOut(Actor actor, long userId) implements Audited {
        public String action() { return "logout"; }
        public String subjectType() { return USER; }
        public String subjectId() { return Long.toString(userId); }
    }
}
