package org.opportune.inbox;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.conversation.ConversationWork;
import org.opportune.customer.CompanyCommand;
import org.opportune.customer.ContactCommand;
import org.opportune.customer.ConversationCustomer;
import org.opportune.customer.CustomerChangedException;
import org.opportune.customer.CustomerRuleException;
import org.opportune.customer.CustomerService;
import org.opportune.customer.Relationship;
import org.opportune.shared.SignedInUser;
import org.opportune.web.Flash;
import org.opportune.web.Htmx;

/**
 * The customer box of the conversation page, edited in place: the contact's name, phone and relationship,
 * and its company's name and relationship. Saves go through {@link CustomerService} (optimistic locking,
 * activity entries); a stale form is refused with what changed, and the typed values stay in the form.
 */
@Controller
@PreAuthorize("hasAuthority('INBOX_VIEW')")
class CustomerPanelController {

    private static final String WORK = "hasAuthority('INBOX_WORK')";
    private static final String FRAGMENT = "inbox/fragments/customerPanel";

    private final CustomerService customers;
    private final ConversationWork work;

    CustomerPanelController(CustomerService customers, ConversationWork work) {
        this.customers = customers;
        this.work = work;
    }

    /** The box as shown on the page (after Cancel). */
    @GetMapping("/conversations/{id}/customer")
    String panel(@PathVariable long id, HttpServletRequest request, Model model) {
        if (!Htmx.isHtmx(request)) {
            return "redirect:/conversations/" + id;
        }
        return show(id, CustomerPanel.Part.NONE, Map.of(), Map.of(), "", model);
    }

    /** The box with the contact's or the company's form open; without JavaScript, the customer page's own form. */
    @GetMapping("/conversations/{id}/customer/edit")
    @PreAuthorize(WORK)
    String edit(@PathVariable long id, @RequestParam String part, HttpServletRequest request, Model model) {
        var customer = customer(id);
        var which = CustomerPanel.Part.parse(part);
        if (customer == null) {
            return Htmx.isHtmx(request) ? show(id, CustomerPanel.Part.NONE, Map.of(), Map.of(), "", model) : "redirect:/conversations/" + id;
        }
        if (!Htmx.isHtmx(request)) {
            return "redirect:" + (which == CustomerPanel.Part.COMPANY && customer.company() != null
                    ? customer.company().ref().href() : customer.contact().ref().href()) + "/edit";
        }
        return show(id, which, Map.of(), Map.of(), "", model);
    }

    @PostMapping("/conversations/{id}/customer/contact")
    @PreAuthorize(WORK)
    String saveContact(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestParam int version,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String relationship, HttpServletRequest request,
            RedirectAttributes redirect, Model model) {
        var customer = customer(id);
        if (customer == null) {
            return "redirect:/conversations/" + id;
        }
        var contact = customer.contact();
        var typed = Map.of("name", name, "phone", phone, "relationship", relationship, "version", Integer.toString(version));
        var errors = new LinkedHashMap<String, String>();
        var rel = relationship(relationship, contact.relationship(), errors);
        if (name.isBlank()) {
            errors.put("name", "Enter a name for the contact.");
        }
        if (errors.isEmpty()) {
            try {
                customers.updateContact(me.asActor(), contact.id(), version, new ContactCommand(name, contact.emails(), phone,
                        contact.companyId(), rel, contact.notes()));
                return saved(id, "Contact saved.", request, redirect, model);
            } catch (CustomerRuleException e) {
                errors.put("", e.getMessage());
            } catch (CustomerChangedException e) {
                return refused(id, CustomerPanel.Part.CONTACT, typed, Map.of(), e.getMessage(), request, redirect, model);
            }
        }
        return refused(id, CustomerPanel.Part.CONTACT, typed, errors, "", request, redirect, model);
    }

    @PostMapping("/conversations/{id}/customer/company")
    @PreAuthorize(WORK)
    String saveCompany(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestParam int version,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String relationship,
            HttpServletRequest request, RedirectAttributes redirect, Model model) {
        var customer = customer(id);
        var company = customer == null ? null : customer.company();
        if (company == null) {
            return "redirect:/conversations/" + id;
        }
        var typed = Map.of("name", name, "relationship", relationship, "version", Integer.toString(version));
        var errors = new LinkedHashMap<String, String>();
        var rel = relationship(relationship, company.relationship(), errors);
        if (name.isBlank()) {
            errors.put("name", "Enter a name for the company.");
        }
        if (errors.isEmpty()) {
            try {
                customers.updateCompany(me.asActor(), company.id(), version, new CompanyCommand(name, company.domains(),
                        company.address(), rel, company.notes()));
                return saved(id, "Company saved.", request, redirect, model);
            } catch (CustomerRuleException e) {
                errors.put("", e.getMessage());
            } catch (CustomerChangedException e) {
                return refused(id, CustomerPanel.Part.COMPANY, typed, Map.of(), e.getMessage(), request, redirect, model);
            }
        }
        return refused(id, CustomerPanel.Part.COMPANY, typed, errors, "", request, redirect, model);
    }

    private String saved(long id, String message, HttpServletRequest request, RedirectAttributes redirect, Model model) {
        if (!Htmx.isHtmx(request)) {
            Flash.message(redirect, message);
            return "redirect:/conversations/" + id;
        }
        return show(id, CustomerPanel.Part.NONE, Map.of(), Map.of(), "", model);
    }

    /** The form again with the typed values and why; without JavaScript, the conversation page with the reason. */
    private String refused(long id, CustomerPanel.Part part, Map<String, String> typed, Map<String, String> errors,
            String conflict, HttpServletRequest request, RedirectAttributes redirect, Model model) {
        if (!Htmx.isHtmx(request)) {
            Flash.message(redirect, conflict.isEmpty() ? "Not saved: " + String.join(" ", errors.values()) : conflict);
            return "redirect:/conversations/" + id;
        }
        return show(id, part, typed, errors, conflict, model);
    }

    private String show(long id, CustomerPanel.Part part, Map<String, String> typed, Map<String, String> errors,
            String conflict, Model model) {
        var customer = customers.customerOfConversation(id).orElse(null);
        model.addAttribute("panel", new CustomerPanel(id, customer, true, customer == null ? CustomerPanel.Part.NONE : part,
                typed, errors, conflict));
        return FRAGMENT;
    }

    /** The conversation's customer, or null when none is linked yet; a missing conversation is a 404. */
    private @Nullable ConversationCustomer customer(long conversationId) {
        work.state(conversationId);
        return customers.customerOfConversation(conversationId).orElse(null);
    }

    private static Relationship relationship(String text, Relationship current, Map<String, String> errors) {
        if (text.isBlank()) {
            return current;
        }
        try {
            return Relationship.parse(text);
        } catch (IllegalArgumentException e) {
            errors.put("relationship", "Choose one of the listed relationships.");
            return current;
        }
    }
}
