package org.opportune.opportunity;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A new opportunity's form, filled in from a conversation: title from the subject (without Re:/Fwd:),
 * source from the mailbox the first message arrived in, description from triage's buying-signal
 * explanation, customer and contact where known, and a concrete first next action due tomorrow.
 */
public record OpportunityDraft(
        @Nullable Long conversationId,
        String title,
        @Nullable String description,
        @Nullable Long companyId,
        @Nullable Long contactId,
        String currency,
        Source source,
        @Nullable String sourceDetail,
        String nextAction,
        LocalDate nextActionDue) {
}
