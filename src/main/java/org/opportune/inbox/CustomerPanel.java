package org.opportune.inbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.customer.ConversationCustomer;
import org.opportune.customer.Relationship;

/**
 * The customer box of the conversation page.
 *
 * @param customer the linked contact and company, or null when none is linked yet
 * @param editing  which form is open
 * @param typed    what the person typed in the open form (kept on errors and conflicts)
 * @param conflict why a save was refused because someone saved the record meanwhile, or empty
 */
public record CustomerPanel(long conversationId, @Nullable ConversationCustomer customer, boolean canEdit, Part editing,
        Map<String, String> typed, Map<String, String> errors, String conflict) {

    /** Which form is open. */
    public enum Part {
        NONE, CONTACT, COMPANY;

        static Part parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return NONE;
            }
        }
    }

    public static CustomerPanel shown(long conversationId, @Nullable ConversationCustomer customer, boolean canEdit) {
        return new CustomerPanel(conversationId, customer, canEdit, Part.NONE, Map.of(), Map.of(), "");
    }

    public boolean editingContact() {
        return editing == Part.CONTACT;
    }

    public boolean editingCompany() {
        return editing == Part.COMPANY;
    }

    public List<Relationship> relationships() {
        return List.of(Relationship.values());
    }

    /** The typed value of a field, else the stored one. */
    public String value(String field, String stored) {
        return typed.getOrDefault(field, stored);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.getOrDefault(field, "");
    }
}
