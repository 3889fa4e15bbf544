package org.opportune.demo;

import java.util.List;

import org.opportune.customer.CompanyCommand;
import org.opportune.customer.CustomerService;
import org.opportune.customer.Relationship;
import org.opportune.shared.Actor;

/**
 * The one customer the demo company already had before its three weeks of mail: The Copper Kettle,
 * whose bar Harbour Lane fitted. Created before the mail syncs, so its mail is linked to it and triage
 * knows it as an existing customer; every other customer is created from the mail.
 */
class DemoCustomers {

    static final String COPPER_KETTLE_DOMAIN = "thecopperkettle.example";

    private final CustomerService customers;

    DemoCustomers(CustomerService customers) {
        this.customers = customers;
    }

    void ensure() {
        if (customers.companyByDomain(COPPER_KETTLE_DOMAIN).isEmpty()) {
            customers.createCompany(Actor.system(), new CompanyCommand("The Copper Kettle", List.of(COPPER_KETTLE_DOMAIN),
                    "Gloucester Road, Bristol", Relationship.CUSTOMER,
                    "Café and bar. We fitted the oak bar counter with the zinc top and the back shelving (quote Q-2291, option B)."));
        }
    }
}
