package org.opportune.customer;

/** A company or a contact, by id: what other modules hold to point at a customer. */
public record CustomerRef(Kind kind, long id) {

    public enum Kind {
        COMPANY, CONTACT;

        /** {@code company} or {@code contact}: the activity trail's subject type and the URL segment. */
        public String code() {
            return this == COMPANY ? "company" : "contact";
        }
    }

    public static CustomerRef company(long id) {
        return new CustomerRef(Kind.COMPANY, id);
    }

    public static CustomerRef contact(long id) {
        return new CustomerRef(Kind.CONTACT, id);
    }

    /** The customer's page, such as {@code /customers/companies/7}. */
    public String href() {
        return (kind == Kind.COMPANY ? "/customers/companies/" : "/customers/contacts/") + id;
    }
}
