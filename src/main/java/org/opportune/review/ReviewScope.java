package org.opportune.review;

import org.jspecify.annotations.Nullable;

/**
 * Whose items a review shows.
 *
 * @param userId     the person reviewing
 * @param teamReview whether they review the team (TEAM_REVIEW): everyone's items, or {@code owner}'s
 * @param pipeline   whether they may see opportunities (PIPELINE_VIEW)
 * @param owner      for a team review, only this person's items; ignored otherwise
 */
public record ReviewScope(long userId, boolean teamReview, boolean pipeline, @Nullable Long owner) {

    /** The owner to filter on: the person themselves, the chosen owner of a team review, or null for everyone. */
    @Nullable Long ownerFilter() {
        return teamReview ? owner : Long.valueOf(userId);
    }

    /** A person who does not review the team also sees the items nobody owns. */
    boolean withUnowned() {
        return !teamReview;
    }
}
