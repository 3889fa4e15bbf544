package org.opportune.opportunity.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.opportunity.NewOpportunity;
import org.opportune.opportunity.OpportunityDraft;
import org.opportune.opportunity.OpportunityEdit;
import org.opportune.opportunity.OpportunityView;

/**
 * The new and edit form. Numbers and dates arrive as text, so that a typo becomes a message next to the
 * field; a field the form did not send ({@code null}) is left as it is, an empty one is cleared.
 */
public record OpportunityForm(
        @Nullable String title,
        @Nullable String description,
        @Nullable String value,
        @Nullable String currency,
        @Nullable String source,
        @Nullable String sourceDetail,
        @Nullable String nextAction,
        @Nullable String nextActionDue,
        @Nullable String expectedClose,
        @Nullable String probability,
        @Nullable String companyId,
        @Nullable String contactId,
        @Nullable Boolean unassigned,
        @Nullable Long conversationId,
        @Nullable Integer version) {

    static OpportunityForm of(OpportunityDraft d) {
        return new OpportunityForm(d.title(), text(d.description()), "", d.currency(), d.source().key(),
                text(d.sourceDetail()), d.nextAction(), d.nextActionDue().toString(), "", "", text(d.companyId()),
                text(d.contactId()), false, d.conversationId(), null);
    }

    static OpportunityForm of(OpportunityView o) {
        return new OpportunityForm(o.title(), text(o.description()), o.value() == null ? "" : o.value().toPlainString(),
                o.currency(), o.source().key(), text(o.sourceDetail()), text(o.nextAction()), text(o.nextActionDue()),
                text(o.expectedClose()), o.probabilityOverridden() ? Integer.toString(o.probability()) : "",
                text(o.companyId()), text(o.contactId()), false, null, o.version());
    }

    /** The same form against another version: after a stale edit the person sees what changed and may save again. */
    OpportunityForm withVersion(int newVersion) {
        return new OpportunityForm(title, description, value, currency, source, sourceDetail, nextAction, nextActionDue,
                expectedClose, probability, companyId, contactId, unassigned, conversationId, newVersion);
    }

    /** The same form with other company and contact values (labels for showing, ids for saving). */
    OpportunityForm withCustomers(@Nullable String company, @Nullable String contact) {
        return new OpportunityForm(title, description, value, currency, source, sourceDetail, nextAction, nextActionDue,
                expectedClose, probability, company, contact, unassigned, conversationId, version);
    }

    public String show(@Nullable String text) {
        return text == null ? "" : text;
    }

    NewOpportunity toCommand(Map<String, String> errors) {
        return new NewOpportunity(show(title), description, id(companyId, "companyId", errors), id(contactId, "contactId", errors),
                decimal(value, errors), currency, source, sourceDetail, null, Boolean.TRUE.equals(unassigned), null,
                nextAction, date(nextActionDue, "nextActionDue", errors), date(expectedClose, "expectedClose", errors),
                percent(probability, errors), conversationId);
    }

    OpportunityEdit toEdit(Map<String, String> errors) {
        var fields = new HashSet<String>();
        put(fields, "title", title);
        put(fields, "description", description);
        put(fields, "value", value);
        put(fields, "currency", currency);
        put(fields, "source", source);
        put(fields, "sourceDetail", sourceDetail);
        put(fields, "nextAction", nextAction);
        put(fields, "nextActionDue", nextActionDue);
        put(fields, "expectedClose", expectedClose);
        put(fields, "probability", probability);
        put(fields, "companyId", companyId);
        put(fields, "contactId", contactId);
        if (version == null) {
            errors.put("", "The form is missing its version; reload the page.");
        }
        return new OpportunityEdit(version == null ? -1 : version, fields, title, description,
                id(companyId, "companyId", errors), id(contactId, "contactId", errors), decimal(value, errors), currency,
                source, sourceDetail, nextAction, date(nextActionDue, "nextActionDue", errors),
                date(expectedClose, "expectedClose", errors), percent(probability, errors));
    }

    private static void put(java.util.Set<String> fields, String name, @Nullable String value) {
        if (value != null) {
            fields.add(name);
        }
    }

    static @Nullable BigDecimal decimal(@Nullable String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip().replace(" ", "").replace("_", ""));
        } catch (NumberFormatException e) {
            errors.put("value", "Enter the value as a number, such as 12500 or 12500.50.");
            return null;
        }
    }

    static @Nullable LocalDate date(@Nullable String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "Enter a date as YYYY-MM-DD.");
            return null;
        }
    }

    private static @Nullable Long id(@Nullable String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.put(field, "Enter a number.");
            return null;
        }
    }

    private static @Nullable Integer percent(@Nullable String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip().replace("%", "").strip());
        } catch (NumberFormatException e) {
            errors.put("probability", "Enter a whole percentage from 0 to 100, or leave it empty for the stage's default.");
            return null;
        }
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }
}
