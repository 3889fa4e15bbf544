package org.opportune.triage;

/** What the sender is to us, when the customer records know it. */
public enum Relationship {
    PROSPECT, CUSTOMER, SUPPLIER, PARTNER, OTHER, UNKNOWN
}
