package org.opportune.opportunity;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The one place that knows about customers. Until the {@code customer} module is wired in, an opportunity
 * stores plain company and contact ids and shows them as "Company #12"; at the merge, this class calls
 * the customer module's facade (names, and the customer of a conversation) and nothing else changes.
 */
@Component
class CustomerDirectory {

    /** The company's name, for lists and pages. */
    @Nullable String companyName(@Nullable Long companyId) {
        return companyId == null ? null : "Company #" + companyId;
    }

    /** The contact's name, for lists and pages. */
    @Nullable String contactName(@Nullable Long contactId) {
        return contactId == null ? null : "Contact #" + contactId;
    }

    /** The company and contact the conversation's customer messages were linked to, if known. */
    Optional<Customer> customerOfConversation(long conversationId) {
        return Optional.empty();
    }

    /** A conversation's customer: either id may be missing. */
    record Customer(@Nullable Long companyId, @Nullable Long contactId) {
    }
}
