package org.opportune.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An opportunity as pages and the API show it to one person. {@code value} is {@code null} when that person
 * may not see deal values ({@code valueVisible} false), whether or not a value is stored.
 *
 * @param overdue  the next action's due date has passed
 * @param version  what an edit must send back, so that a stale edit is refused
 */
public record OpportunityView(
        long id,
        String title,
        @Nullable String description,
        @Nullable Long companyId,
        @Nullable String companyName,
        @Nullable Long contactId,
        @Nullable String contactName,
        @Nullable BigDecimal value,
        boolean valueVisible,
        String currency,
        Source source,
        @Nullable String sourceDetail,
        @Nullable Long ownerId,
        @Nullable String ownerName,
        String stage,
        String stageName,
        StageKind stageKind,
        @Nullable String nextAction,
        @Nullable LocalDate nextActionDue,
        boolean overdue,
        @Nullable LocalDate expectedClose,
        int probability,
        boolean probabilityOverridden,
        @Nullable Outcome outcome,
        @Nullable String lostReason,
        @Nullable String lostReasonLabel,
        @Nullable String outcomeNote,
        @Nullable Instant closedAt,
        Instant createdAt,
        Instant updatedAt,
        int version) {

    public boolean open() {
        return outcome == null;
    }

    public boolean unowned() {
        return ownerId == null;
    }
}
