package org.opportune.opportunity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One opportunity as loaded for a change. Every change goes through a method that records a {@link Change}
 * (field, before, after, as text), so the service can write the change history, the activity entry and
 * tell a stale edit what happened since. The rules that need stages, users or settings are checked by
 * {@link OpportunityRules}; this class keeps the state consistent.
 */
final class Opportunity {

    /** One field's change, with values as text. */
    record Change(String field, @Nullable String before, @Nullable String after) {
    }

    @Nullable Long id;
    String title;
    @Nullable String description;
    @Nullable Long companyId;
    @Nullable Long contactId;
    @Nullable BigDecimal value;
    String currency;
    Source source;
    @Nullable String sourceDetail;
    @Nullable Long ownerId;
    String stageKey;
    @Nullable String nextAction;
    @Nullable LocalDate nextActionDue;
    @Nullable LocalDate expectedClose;
    int probability;
    boolean probabilityOverridden;
    @Nullable Outcome outcome;
    @Nullable String lostReason;
    @Nullable String outcomeNote;
    @Nullable Instant closedAt;
    Instant createdAt;
    @Nullable Long createdBy;
    Instant updatedAt;
    int version;

    private final List<Change> changes = new ArrayList<>();

    Opportunity(String title, String currency, Source source, String stageKey, int probability, Instant createdAt,
            @Nullable Long createdBy) {
        this.title = title;
        this.currency = currency;
        this.source = source;
        this.stageKey = stageKey;
        this.probability = probability;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.updatedAt = createdAt;
    }

    long id() {
        return Objects.requireNonNull(id, "opportunity not saved yet");
    }

    boolean isOpen() {
        return outcome == null;
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    void setTitle(String value) {
        title = record("title", title, value);
    }

    void setDescription(@Nullable String value) {
        description = record("description", description, value);
    }

    void setCompanyId(@Nullable Long value) {
        companyId = record("companyId", companyId, value);
    }

    void setContactId(@Nullable Long value) {
        contactId = record("contactId", contactId, value);
    }

    void setValue(@Nullable BigDecimal amount) {
        var scaled = amount == null ? null : amount.setScale(2, java.math.RoundingMode.HALF_UP);
        if (value == null ? scaled != null : scaled == null || value.compareTo(scaled) != 0) {
            changes.add(new Change("value", text(value), text(scaled)));
        }
        value = scaled;
    }

    void setCurrency(String value) {
        currency = record("currency", currency, value);
    }

    void setSource(Source value) {
        if (value != source) {
            changes.add(new Change("source", source.key(), value.key()));
        }
        source = value;
    }

    void setSourceDetail(@Nullable String value) {
        sourceDetail = record("sourceDetail", sourceDetail, value);
    }

    void setOwner(@Nullable Long value) {
        ownerId = record("owner", ownerId, value);
    }

    void setNextAction(@Nullable String value) {
        nextAction = record("nextAction", nextAction, value);
    }

    void setNextActionDue(@Nullable LocalDate value) {
        nextActionDue = record("nextActionDue", nextActionDue, value);
    }

    void setExpectedClose(@Nullable LocalDate value) {
        expectedClose = record("expectedClose", expectedClose, value);
    }

    /** A person's own probability; {@code null} goes back to the stage's default. */
    void setProbability(@Nullable Integer value, int stageDefault) {
        probabilityOverridden = value != null;
        probability = record("probability", probability, value == null ? stageDefault : value);
    }

    /** Enters another stage; the probability follows the stage's default unless someone set their own. */
    void enterStage(StageView stage) {
        stageKey = record("stage", stageKey, stage.key());
        if (stage.closed() || !probabilityOverridden) {
            probability = record("probability", probability, stage.defaultProbability());
            if (stage.closed()) {
                probabilityOverridden = false;
            }
        }
    }

    void close(Outcome how, @Nullable String reason, @Nullable String note, Instant now) {
        outcome = record("outcome", outcome, how);
        lostReason = record("lostReason", lostReason, reason);
        outcomeNote = record("outcomeNote", outcomeNote, note);
        closedAt = now;
        setNextAction(null);
        setNextActionDue(null);
    }

    void reopen() {
        outcome = record("outcome", outcome, null);
        lostReason = record("lostReason", lostReason, null);
        outcomeNote = record("outcomeNote", outcomeNote, null);
        closedAt = null;
    }

    private <T> @Nullable T record(String field, @Nullable T before, @Nullable T after) {
        if (!Objects.equals(before, after)) {
            changes.add(new Change(field, text(before), text(after)));
        }
        return after;
    }

    static @Nullable String text(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal amount) {
            return amount.toPlainString();
        }
        if (value instanceof Outcome how) {
            return how.label();
        }
        return value.toString();
    }
}
