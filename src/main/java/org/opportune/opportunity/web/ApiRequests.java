package org.opportune.opportunity.web;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import org.opportune.opportunity.NewOpportunity;

/** The JSON bodies of the opportunity API. */
public final class ApiRequests {

    private ApiRequests() {
    }

    /** {@code POST /api/v1/opportunities}: the owner is the caller unless {@code unassigned} or {@code ownerId}. */
    public record CreateRequest(@Nullable String title, @Nullable String description, @Nullable Long companyId,
            @Nullable Long contactId, @Nullable BigDecimal value, @Nullable String currency, @Nullable String source,
            @Nullable String sourceDetail, @Nullable Long ownerId, @Nullable Boolean unassigned, @Nullable String stage,
            @Nullable String nextAction, @Nullable LocalDate nextActionDue, @Nullable LocalDate expectedClose,
            @Nullable Integer probability, @Nullable Long conversationId) {

        NewOpportunity toCommand() {
            return new NewOpportunity(title == null ? "" : title, description, companyId, contactId, value, currency,
                    source, sourceDetail, ownerId, Boolean.TRUE.equals(unassigned), stage, nextAction, nextActionDue,
                    expectedClose, probability, conversationId);
        }
    }

    /** {@code POST …/stage}: into a won stage with {@code value}, into a lost one with {@code lostReason} (and {@code note}). */
    public record StageRequest(@Nullable String stage, @Nullable Integer version, @Nullable BigDecimal value,
            @Nullable String lostReason, @Nullable String note) {
    }

    /** {@code POST …/close}: {@code outcome} won or lost; {@code reason} is the lost reason. */
    public record CloseRequest(@Nullable String outcome, @Nullable Integer version, @Nullable String reason,
            @Nullable String note, @Nullable BigDecimal value) {
    }

    /** {@code POST …/reopen}: the open stage it goes back to and a new next action. */
    public record ReopenRequest(@Nullable String stage, @Nullable Integer version, @Nullable String nextAction,
            @Nullable LocalDate nextActionDue) {
    }

    /** {@code POST …/assign}. */
    public record AssignRequest(@Nullable Long userId, @Nullable String reason) {
    }

    /** {@code POST …/conversations}. */
    public record LinkRequest(@Nullable Long conversationId) {
    }

    /** {@code POST /api/v1/pipeline/stages} and {@code PATCH /api/v1/pipeline/stages/{key}}. */
    public record StageChangeRequest(@Nullable String name, @Nullable String kind, @Nullable Integer defaultProbability,
            @Nullable Boolean active, @Nullable Integer move) {
    }
}
