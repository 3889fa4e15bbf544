package org.opportune.demo;

import java.util.List;

import org.opportune.customer.CompanyCommand;
import org.opportune.customer.CustomerService;
import org.opportune.customer.Relationship;
import org.opportune.shared.Actor;

/**
 * The customers the demo company knew before its three weeks of mail: The Copper Kettle, whose bar
 * Harbour Lane fitted, and Brightwater Cowork, which had six phone booths built last year; and the
 * proper names of the prospects behind the demo's deals (from the mail alone, a company is named after
 * its domain, such as "Hotelmarlowe", until someone edits it). Created before the mail syncs, so that
 * their mail is linked to them and triage knows the existing customers; every other customer is
 * created from the mail.
 */
class DemoCustomers {

    static final String COPPER_KETTLE_DOMAIN = "thecopperkettle.example";

    private static final List<CompanyCommand> KNOWN = List.of(
            new CompanyCommand("The Copper Kettle", List.of(COPPER_KETTLE_DOMAIN), "Gloucester Road, Bristol",
                    Relationship.CUSTOMER,
                    "Café and bar. We fitted the oak bar counter with the zinc top and the back shelving (quote Q-2291, option B)."),
            new CompanyCommand("Brightwater Cowork", List.of("brightwatercowork.example"), "Temple Quay, Bristol",
                    Relationship.CUSTOMER, "Coworking space. We built six phone booths for the ground floor in 2025."),
            new CompanyCommand("Hotel Marlowe", List.of("hotelmarlowe.example"), "Bath", Relationship.PROSPECT,
                    "42-room hotel; refurbishing the guest rooms over the winter closure."),
            new CompanyCommand("Salt & Ember", List.of("saltandember.example"), "Cardiff Bay", Relationship.PROSPECT,
                    "60-cover grill restaurant."));

    private final CustomerService customers;

    DemoCustomers(CustomerService customers) {
        this.customers = customers;
    }

    void ensure() {
        for (var company : KNOWN) {
            if (customers.companyByDomain(company.domains().get(0)).isEmpty()) {
                customers.createCompany(Actor.system(), company);
            }
        }
    }
}
