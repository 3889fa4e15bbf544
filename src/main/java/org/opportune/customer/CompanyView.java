package org.opportune.customer;

import java.time.Instant;
import java.util.List;

/**
 * A company as other modules and pages see it.
 *
 * @param domains its mail domains, lower case, sorted
 * @param version for optimistic locking: send it back with an update
 */
public record CompanyView(
        long id,
        String name,
        List<String> domains,
        String address,
        String notes,
        Relationship relationship,
        Instant createdAt,
        int version) {

    public CustomerRef ref() {
        return CustomerRef.company(id);
    }
}
