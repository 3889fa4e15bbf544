package org.opportune.customer;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A contact as other modules and pages see it.
 *
 * @param emails      its mail addresses, lower case, sorted
 * @param companyId   its company, if any
 * @param companyName that company's name, or null
 * @param source      {@code mailbox:ADDRESS} when mail created it, {@code manual} when a person did
 * @param version     for optimistic locking: send it back with an update
 */
public record ContactView(
        long id,
        String name,
        List<String> emails,
        String phone,
        @Nullable Long companyId,
        @Nullable String companyName,
        String source,
        Relationship relationship,
        String notes,
        Instant createdAt,
        int version) {

    public CustomerRef ref() {
        return CustomerRef.contact(id);
    }

    /** The first address, or an empty string for a contact without one. */
    public String primaryEmail() {
        return emails.isEmpty() ? "" : emails.get(0);
    }
}
