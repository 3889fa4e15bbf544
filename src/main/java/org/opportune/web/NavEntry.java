package org.opportune.web;

import java.util.List;

/**
 * One entry of the main navigation. Modules declare their entries as beans; the layout shows an
 * entry only to people whose role has {@code permission}.
 *
 * @param order      position from the left (Inbox 10, Pipeline 20, Review 30, Customers 40, Reports 50, Admin 90)
 * @param permission the authority needed to see it, such as {@code USERS_MANAGE}
 * @param alsoUnder  other paths whose pages belong to this entry (it is highlighted there too), such as
 *                   {@code /opportunities} for Pipeline
 */
public record NavEntry(int order, String label, String href, String permission, List<String> alsoUnder) {

    public NavEntry {
        alsoUnder = List.copyOf(alsoUnder);
    }

    public NavEntry(int order, String label, String href, String permission) {
        this(order, label, href, permission, List.of());
    }

    /** Whether a page at {@code path} belongs to this entry. */
    public boolean covers(String path) {
        return under(path, href) || alsoUnder.stream().anyMatch(prefix -> under(path, prefix));
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
