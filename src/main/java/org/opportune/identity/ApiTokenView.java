package org.opportune.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A personal API token as lists show it: never the secret, only its first characters ({@code prefix}).
 *
 * @param revokedBy who revoked it (the owner, an admin, or the deactivation of the owner)
 */
public record ApiTokenView(long id, long userId, String label, String prefix, Instant createdAt,
        @Nullable Instant lastUsedAt, @Nullable Instant revokedAt, @Nullable String revokedBy) {

    public boolean active() {
        return revokedAt == null;
    }

    /** What a person sees in place of the secret, such as {@code opp_Xy12Ab…}. */
    public String masked() {
        return prefix + "…";
    }
}
