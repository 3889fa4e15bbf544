package org.opportune.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A change of an opportunity's fields, made against the {@code version} the person saw. Only the fields
 * named in {@code fields} change (a {@code null} there clears the field); the others stay as they are.
 * Field names: title, description, companyId, contactId, value, currency, source, sourceDetail,
 * nextAction, nextActionDue, expectedClose, probability (null: back to the stage's default).
 */
public record OpportunityEdit(
        int version,
        Set<String> fields,
        @Nullable String title,
        @Nullable String description,
        @Nullable Long companyId,
        @Nullable Long contactId,
        @Nullable BigDecimal value,
        @Nullable String currency,
        @Nullable String source,
        @Nullable String sourceDetail,
        @Nullable String nextAction,
        @Nullable LocalDate nextActionDue,
        @Nullable LocalDate expectedClose,
        @Nullable Integer probability) {

    public static final Set<String> FIELDS = Set.of("title", "description", "companyId", "contactId", "value",
            "currency", "source", "sourceDetail", "nextAction", "nextActionDue", "expectedClose", "probability");

    public OpportunityEdit {
        fields = Set.copyOf(fields);
    }

    boolean has(String field) {
        return fields.contains(field);
    }
}
