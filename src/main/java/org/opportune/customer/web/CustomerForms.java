package org.opportune.customer.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.customer.CompanyCommand;
import org.opportune.customer.CompanyView;
import org.opportune.customer.ContactCommand;
import org.opportune.customer.ContactView;
import org.opportune.customer.CustomerRuleException;
import org.opportune.customer.Relationship;

/** The company and contact forms. Everything arrives as text so that a typo becomes a message next to its field. */
public final class CustomerForms {

    private CustomerForms() {
    }

    /** A company as typed; {@code domains} separated by commas or lines. */
    public record CompanyForm(@Nullable String name, @Nullable String domains, @Nullable String address,
            @Nullable String relationship, @Nullable String notes, @Nullable Integer version) {

        static CompanyForm empty() {
            return new CompanyForm("", "", "", "prospect", "", 0);
        }

        static CompanyForm of(CompanyView company) {
            return new CompanyForm(company.name(), String.join(", ", company.domains()), company.address(),
                    company.relationship().code(), company.notes(), company.version());
        }

        CompanyCommand toCommand() {
            var errors = new LinkedHashMap<String, String>();
            var parsed = parseRelationship(relationship, errors);
            if (!errors.isEmpty()) {
                throw new CustomerRuleException(errors);
            }
            return new CompanyCommand(text(name), list(domains), text(address), parsed, text(notes));
        }

        public String value(@Nullable String text) {
            return text == null ? "" : text;
        }
    }

    /** A contact as typed; {@code emails} separated by commas or lines, {@code companyId} empty for none. */
    public record ContactForm(@Nullable String name, @Nullable String emails, @Nullable String phone,
            @Nullable String companyId, @Nullable String relationship, @Nullable String notes, @Nullable Integer version) {

        static ContactForm empty(@Nullable Long companyId) {
            return new ContactForm("", "", "", companyId == null ? "" : companyId.toString(), "prospect", "", 0);
        }

        static ContactForm of(ContactView contact) {
            return new ContactForm(contact.name(), String.join(", ", contact.emails()), contact.phone(),
                    contact.companyId() == null ? "" : contact.companyId().toString(), contact.relationship().code(),
                    contact.notes(), contact.version());
        }

        ContactCommand toCommand() {
            var errors = new LinkedHashMap<String, String>();
            var parsed = parseRelationship(relationship, errors);
            Long company = null;
            if (companyId != null && !companyId.isBlank()) {
                try {
                    company = Long.valueOf(companyId.strip());
                } catch (NumberFormatException e) {
                    errors.put("companyId", "Pick a company from the list.");
                }
            }
            if (!errors.isEmpty()) {
                throw new CustomerRuleException(errors);
            }
            return new ContactCommand(text(name), list(emails), text(phone), company, parsed, text(notes));
        }

        public String value(@Nullable String text) {
            return text == null ? "" : text;
        }
    }

    /** The relationships for a select, as (value, label). */
    public static Map<String, String> relationships() {
        var options = new LinkedHashMap<String, String>();
        for (var r : Relationship.values()) {
            options.put(r.code(), r.label());
        }
        return options;
    }

    private static Relationship parseRelationship(@Nullable String text, Map<String, String> errors) {
        try {
            return text == null || text.isBlank() ? Relationship.PROSPECT : Relationship.parse(text);
        } catch (IllegalArgumentException e) {
            errors.put("relationship", "Pick a relationship from the list.");
            return Relationship.PROSPECT;
        }
    }

    static List<String> list(@Nullable String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("[,;\\s]+")).map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
