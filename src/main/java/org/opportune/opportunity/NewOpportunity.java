package org.opportune.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What a new opportunity starts with. {@code currency} empty: the configured default. {@code stage}
 * empty: the first open stage. The owner is the creator, unless {@code unassigned} (a lead for someone to
 * claim, first stage only) or an {@code ownerId} is given (which needs WORK_ASSIGN when it is someone else).
 */
public record NewOpportunity(
        String title,
        @Nullable String description,
        @Nullable Long companyId,
        @Nullable Long contactId,
        @Nullable BigDecimal value,
        @Nullable String currency,
        @Nullable String source,
        @Nullable String sourceDetail,
        @Nullable Long ownerId,
        boolean unassigned,
        @Nullable String stage,
        @Nullable String nextAction,
        @Nullable LocalDate nextActionDue,
        @Nullable LocalDate expectedClose,
        @Nullable Integer probability,
        @Nullable Long conversationId) {
}
