package org.opportune.customer.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.customer.CompanyCommand;
import org.opportune.customer.ContactCommand;
import org.opportune.customer.CustomerRuleException;
import org.opportune.customer.Relationship;

/** The JSON bodies of the customer API. {@code version} is required on updates (optimistic locking). */
final class CustomerRequests {

    private CustomerRequests() {
    }

    /** A company to create or change; {@code relationship} is one of prospect, customer, supplier, partner, other. */
    record CompanyRequest(@Nullable String name, @Nullable List<String> domains, @Nullable String address,
            @Nullable String relationship, @Nullable String notes, @Nullable Integer version) {

        CompanyCommand toCommand() {
            var errors = new LinkedHashMap<String, String>();
            var parsed = parseRelationship(relationship, errors);
            check(errors);
            return new CompanyCommand(text(name), domains == null ? List.of() : domains, text(address), parsed, text(notes));
        }
    }

    /** A contact to create or change. */
    record ContactRequest(@Nullable String name, @Nullable List<String> emails, @Nullable String phone,
            @Nullable Long companyId, @Nullable String relationship, @Nullable String notes, @Nullable Integer version) {

        ContactCommand toCommand() {
            var errors = new LinkedHashMap<String, String>();
            var parsed = parseRelationship(relationship, errors);
            check(errors);
            return new ContactCommand(text(name), emails == null ? List.of() : emails, text(phone), companyId, parsed, text(notes));
        }
    }

    static int version(@Nullable Integer version) {
        if (version == null) {
            throw CustomerRuleException.of("version", "Send the version you read, so that a change made meanwhile is not overwritten.");
        }
        return version;
    }

    private static Relationship parseRelationship(@Nullable String text, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return Relationship.PROSPECT;
        }
        try {
            return Relationship.parse(text);
        } catch (IllegalArgumentException e) {
            errors.put("relationship", "Use one of prospect, customer, supplier, partner, other.");
            return Relationship.PROSPECT;
        }
    }

    private static void check(Map<String, String> errors) {
        if (!errors.isEmpty()) {
            throw new CustomerRuleException(errors);
        }
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
