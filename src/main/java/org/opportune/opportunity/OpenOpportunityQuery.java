package org.opportune.opportunity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which open opportunities a review queue holds; each criterion is optional.
 *
 * @param ownerId        only this person's; with {@code unowned} also the ones nobody owns
 * @param unowned        the ones nobody owns (alone when {@code ownerId} is null)
 * @param dueOnOrBefore  only those whose next action is due on or before this date
 * @param stages         only those in one of these stage keys
 * @param unchangedSince only those not changed since this moment (stale ones)
 * @param limit          how many to return at most (the count covers all)
 */
public record OpenOpportunityQuery(@Nullable Long ownerId, boolean unowned, @Nullable LocalDate dueOnOrBefore,
        @Nullable Set<String> stages, @Nullable Instant unchangedSince, int limit) {

    public OpenOpportunityQuery {
        stages = stages == null ? null : Set.copyOf(stages);
        limit = Math.max(0, Math.min(limit, 200));
    }

    /** Everyone's open opportunities, at most {@code limit}. */
    public static OpenOpportunityQuery everyone(int limit) {
        return new OpenOpportunityQuery(null, false, null, null, null, limit);
    }

    public OpenOpportunityQuery owned(@Nullable Long owner, boolean alsoUnowned) {
        return new OpenOpportunityQuery(owner, alsoUnowned, dueOnOrBefore, stages, unchangedSince, limit);
    }

    public OpenOpportunityQuery dueBy(LocalDate date) {
        return new OpenOpportunityQuery(ownerId, unowned, date, stages, unchangedSince, limit);
    }

    public OpenOpportunityQuery inStages(Set<String> keys) {
        return new OpenOpportunityQuery(ownerId, unowned, dueOnOrBefore, keys, unchangedSince, limit);
    }

    public OpenOpportunityQuery unchangedSince(Instant moment) {
        return new OpenOpportunityQuery(ownerId, unowned, dueOnOrBefore, stages, moment, limit);
    }
}
