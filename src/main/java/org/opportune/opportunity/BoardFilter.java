package org.opportune.opportunity;

import org.jspecify.annotations.Nullable;

/**
 * Which cards the pipeline board shows; each criterion is optional.
 *
 * @param owner   a user id as text, {@code me}, or {@code none} for unowned ones; empty: anyone
 * @param mailbox the address of the mailbox an opportunity came from (its source detail, source "mailbox")
 * @param overdue only open ones whose next action was due before today
 * @param stalled only open ones nobody changed for the configured number of days
 */
public record BoardFilter(@Nullable String owner, @Nullable String mailbox, boolean overdue, boolean stalled) {

    public static BoardFilter none() {
        return new BoardFilter(null, null, false, false);
    }
}
