package org.opportune.opportunity;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import org.opportune.customer.CompanyView;
import org.opportune.customer.ContactView;
import org.opportune.customer.CustomerService;

/**
 * The one place that knows about customers: an opportunity stores company and contact ids, and this
 * class turns them into names (a merged company or contact leads to the one it was merged into) and
 * finds the customer of a conversation for a new opportunity.
 */
@Component
class CustomerDirectory {

    private final CustomerService customers;

    CustomerDirectory(CustomerService customers) {
        this.customers = customers;
    }

    /** Whether a company of that id is on record (a merged one counts: it leads to its survivor). */
    boolean companyExists(long companyId) {
        return customers.company(companyId).isPresent();
    }

    /** Whether a contact of that id is on record. */
    boolean contactExists(long contactId) {
        return customers.contact(contactId).isPresent();
    }

    /** The company's name, for lists and pages. */
    @Nullable String companyName(@Nullable Long companyId) {
        return companyId == null ? null
                : customers.company(companyId).map(CompanyView::name).orElse("Company #" + companyId);
    }

    /** The contact's name, for lists and pages. */
    @Nullable String contactName(@Nullable Long contactId) {
        return contactId == null ? null
                : customers.contact(contactId).map(ContactView::name).orElse("Contact #" + contactId);
    }

    /** Company names by id, for many opportunities at once; unknown ids are left out. */
    Map<Long, String> companyNames(Collection<Long> companyIds) {
        return customers.companyNames(companyIds);
    }

    /** Contact names by id, for many opportunities at once; unknown ids are left out. */
    Map<Long, String> contactNames(Collection<Long> contactIds) {
        return customers.contactNames(contactIds);
    }

    /** The company and contact the conversation's customer messages were linked to, if known. */
    Optional<Customer> customerOfConversation(long conversationId) {
        return customers.customerOfConversation(conversationId).map(found -> new Customer(
                found.company() == null ? null : found.company().id(),
                found.contact().id()));
    }

    /** A conversation's customer: either id may be missing. */
    record Customer(@Nullable Long companyId, @Nullable Long contactId) {
    }
}
