package org.opportune.opportunity;

import java.util.List;

/** The first open opportunities of a query, most urgent next action first, and how many match in all. */
public record OpenOpportunities(List<OpportunityView> items, long total) {

    public OpenOpportunities {
        items = List.copyOf(items);
    }
}
