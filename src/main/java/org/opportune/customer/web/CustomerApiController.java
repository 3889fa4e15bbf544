package org.opportune.customer.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.opportune.customer.CompanyView;
import org.opportune.customer.ContactView;
import org.opportune.customer.CustomerConversation;
import org.opportune.customer.CustomerNotFoundException;
import org.opportune.customer.CustomerRef;
import org.opportune.customer.CustomerService;
import org.opportune.customer.web.CustomerRequests.CompanyRequest;
import org.opportune.customer.web.CustomerRequests.ContactRequest;
import org.opportune.shared.SignedInUser;

/**
 * Companies and contacts as JSON: list and search, read, create, change (with {@code version}: a stale
 * one gets 409 and what changed), merge. Reading needs INBOX_VIEW, changing INBOX_WORK. A merged id
 * answers with its survivor.
 */
@RestController
@RequestMapping("/api/v1")
class CustomerApiController {

    private static final String READ = "hasAuthority('INBOX_VIEW')";
    private static final String CHANGE = "hasAuthority('INBOX_WORK')";

    private final CustomerService customers;

    CustomerApiController(CustomerService customers) {
        this.customers = customers;
    }

    // --- companies --------------------------------------------------------------------------

    /** Companies whose name or domain contains {@code q} (all when empty), by name. */
    @GetMapping("/companies")
    @PreAuthorize(READ)
    List<CompanyView> companies(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "50") int limit) {
        return customers.searchCompanies(q, limit).stream().map(hit -> customers.company(hit.ref().id()))
                .flatMap(Optional::stream).toList();
    }

    @GetMapping("/companies/{id}")
    @PreAuthorize(READ)
    CompanyView company(@PathVariable long id) {
        return customers.company(id).orElseThrow(() -> CustomerNotFoundException.forRef(CustomerRef.company(id)));
    }

    @GetMapping("/companies/{id}/contacts")
    @PreAuthorize(READ)
    List<ContactView> contactsOfCompany(@PathVariable long id) {
        return customers.contactsOf(company(id).id());
    }

    @GetMapping("/companies/{id}/conversations")
    @PreAuthorize(READ)
    List<CustomerConversation> conversationsOfCompany(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
        return customers.conversationsOf(company(id).ref(), Math.max(1, Math.min(limit, 200)));
    }

    @PostMapping("/companies")
    @PreAuthorize(CHANGE)
    ResponseEntity<CompanyView> createCompany(@AuthenticationPrincipal SignedInUser me, @RequestBody CompanyRequest request) {
        var created = customers.createCompany(me.asActor(), request.toCommand());
        return ResponseEntity.created(URI.create("/api/v1/companies/" + created.id())).body(created);
    }

    @PutMapping("/companies/{id}")
    @PreAuthorize(CHANGE)
    CompanyView updateCompany(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestBody CompanyRequest request) {
        return customers.updateCompany(me.asActor(), id, CustomerRequests.version(request.version()), request.toCommand());
    }

    /** Merges company {@code id} into {@code survivorId}; answers with the survivor. */
    @PostMapping("/companies/{id}/merge-into/{survivorId}")
    @PreAuthorize(CHANGE)
    CompanyView mergeCompany(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @PathVariable long survivorId) {
        return customers.mergeCompanies(me.asActor(), id, survivorId);
    }

    // --- contacts ---------------------------------------------------------------------------

    /** Contacts whose name or address contains {@code q} (all when empty), by name. */
    @GetMapping("/contacts")
    @PreAuthorize(READ)
    List<ContactView> contacts(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "50") int limit) {
        return customers.searchContacts(q, limit).stream().map(hit -> customers.contact(hit.ref().id()))
                .flatMap(Optional::stream).toList();
    }

    @GetMapping("/contacts/{id}")
    @PreAuthorize(READ)
    ContactView contact(@PathVariable long id) {
        return customers.contact(id).orElseThrow(() -> CustomerNotFoundException.forRef(CustomerRef.contact(id)));
    }

    @GetMapping("/contacts/{id}/conversations")
    @PreAuthorize(READ)
    List<CustomerConversation> conversationsOfContact(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
        return customers.conversationsOf(contact(id).ref(), Math.max(1, Math.min(limit, 200)));
    }

    @PostMapping("/contacts")
    @PreAuthorize(CHANGE)
    ResponseEntity<ContactView> createContact(@AuthenticationPrincipal SignedInUser me, @RequestBody ContactRequest request) {
        var created = customers.createContact(me.asActor(), request.toCommand());
        return ResponseEntity.created(URI.create("/api/v1/contacts/" + created.id())).body(created);
    }

    @PutMapping("/contacts/{id}")
    @PreAuthorize(CHANGE)
    ContactView updateContact(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestBody ContactRequest request) {
        return customers.updateContact(me.asActor(), id, CustomerRequests.version(request.version()), request.toCommand());
    }

    /** Merges contact {@code id} into {@code survivorId}; answers with the survivor. */
    @PostMapping("/contacts/{id}/merge-into/{survivorId}")
    @PreAuthorize(CHANGE)
    ContactView mergeContact(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @PathVariable long survivorId) {
        return customers.mergeContacts(me.asActor(), id, survivorId);
    }
}
