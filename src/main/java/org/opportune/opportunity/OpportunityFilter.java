package org.opportune.opportunity;

import org.jspecify.annotations.Nullable;

/**
 * Which opportunities to list; each criterion is optional.
 *
 * @param stage   a stage key
 * @param owner   a user id as text, {@code me}, or {@code none} for unowned ones
 * @param state   {@code open} (default), {@code closed}, {@code won}, {@code lost} or {@code all}
 */
public record OpportunityFilter(@Nullable String stage, @Nullable String owner, @Nullable String state, int page) {

    public static OpportunityFilter open() {
        return new OpportunityFilter(null, null, "open", 0);
    }
}
