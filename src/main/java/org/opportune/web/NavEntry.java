package org.opportune.web;

/**
 * One entry of the main navigation. Modules declare their entries as beans; the layout shows an
 * entry only to people whose role has {@code permission}.
 *
 * @param order      position from the left (Inbox 10, Pipeline 20, Review 30, Customers 40, Reports 50, Admin 90)
 * @param permission the authority needed to see it, such as {@code USERS_MANAGE}
 */
public record NavEntry(int order, String label, String href, String permission) {
}
