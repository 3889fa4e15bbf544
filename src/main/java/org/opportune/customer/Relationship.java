package org.opportune.customer;

import java.util.Locale;

/** What a contact or company is to us. Mail creates prospects; people change it. */
public enum Relationship {
    PROSPECT, CUSTOMER, SUPPLIER, PARTNER, OTHER;

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** The value as stored and sent in the API: lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code customer} or {@code CUSTOMER}; throws {@link IllegalArgumentException} for anything else. */
    public static Relationship parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
