package org.opportune.customer;

import org.jspecify.annotations.Nullable;

/**
 * One line of a {@link CustomerPageSection}.
 *
 * @param href   where the label links to, or null for plain text
 * @param detail a second, muted line such as {@code due 3 March}, or null
 * @param badge  a short status such as {@code Proposal sent}, or null
 */
public record CustomerPageItem(String label, @Nullable String href, @Nullable String detail, @Nullable String badge) {
}
