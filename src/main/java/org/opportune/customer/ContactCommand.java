package org.opportune.customer;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a person enters for a contact (new or changed).
 *
 * @param emails    every address the contact should have afterwards
 * @param companyId its company, or null for none
 */
public record ContactCommand(String name, List<String> emails, String phone, @Nullable Long companyId,
        Relationship relationship, String notes) {

    public ContactCommand {
        name = name == null ? "" : name.strip();
        emails = emails == null ? List.of() : List.copyOf(emails);
        phone = phone == null ? "" : phone.strip();
        notes = notes == null ? "" : notes.strip();
    }
}
