package org.opportune.customer;

/**
 * One search result: a company or a contact.
 *
 * @param detail the domains of a company, or the addresses and company of a contact
 */
public record CustomerHit(CustomerRef ref, String name, String detail, Relationship relationship) {
}
