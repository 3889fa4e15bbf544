package org.opportune.opportunity;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * Moving an opportunity to another stage, against the {@code version} the person saw. Into a won stage:
 * {@code value} (needed unless one is stored, and above 0). Into a lost stage: {@code lostReason} from the
 * configured list and {@code note} (needed for "other").
 */
public record StageMove(String stage, int version, @Nullable BigDecimal value, @Nullable String lostReason,
        @Nullable String note) {
}
