package org.opportune.customer;

import java.util.List;

/**
 * A panel on a company's or contact's page, contributed by another module (opportunities, tasks): every
 * bean that implements this is asked for its items when a customer page is shown, in {@link #order()}.
 * Implementations read their own data; the customer module never depends on them.
 */
public interface CustomerPageSection {

    /** The panel's heading, such as {@code Opportunities}. */
    String title();

    /** Position among the panels, smallest first (conversations are 10, notes 90). */
    int order();

    /** The items for that customer; an empty list shows "nothing yet". */
    List<CustomerPageItem> items(CustomerRef ref);
}
