package org.opportune.customer;

import java.util.List;

/**
 * What a person enters for a company (new or changed).
 *
 * @param domains every mail domain the company should have afterwards, such as {@code northwind.example}
 */
public record CompanyCommand(String name, List<String> domains, String address, Relationship relationship, String notes) {

    public CompanyCommand {
        name = name == null ? "" : name.strip();
        domains = domains == null ? List.of() : List.copyOf(domains);
        address = address == null ? "" : address.strip();
        notes = notes == null ? "" : notes.strip();
    }
}
