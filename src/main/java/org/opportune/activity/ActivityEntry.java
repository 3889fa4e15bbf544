package org.opportune.activity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One entry of the activity trail: who did what to which subject, when, from where, before → after. */
public record ActivityEntry(
        long id,
        Instant occurredAt,
        @Nullable Long actorId,
        String actorName,
        String action,
        String subjectType,
        String subjectId,
        String beforeJson,
        String afterJson,
        String origin,
        String prevHash,
        String hash) {

    /** True when the entry records a change of values, as opposed to a plain event such as a sign-in. */
    public boolean hasChange() {
        return !"{}".equals(beforeJson) || !"{}".equals(afterJson);
    }
}
