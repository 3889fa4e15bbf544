package org.opportune.customer.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import org.opportune.customer.CompanyView;
import org.opportune.customer.ContactView;
import org.opportune.customer.CustomerChangedException;
import org.opportune.customer.CustomerHit;
import org.opportune.customer.CustomerNotFoundException;
import org.opportune.customer.CustomerPageSection;
import org.opportune.customer.CustomerRef;
import org.opportune.customer.CustomerRuleException;
import org.opportune.customer.CustomerService;
import org.opportune.customer.web.CustomerForms.CompanyForm;
import org.opportune.customer.web.CustomerForms.ContactForm;
import org.opportune.customer.web.CustomerPages.CompanyPage;
import org.opportune.customer.web.CustomerPages.ContactPage;
import org.opportune.customer.web.CustomerPages.ListPage;
import org.opportune.customer.web.CustomerPages.MergePage;
import org.opportune.customer.web.CustomerPages.NewCompanyPage;
import org.opportune.customer.web.CustomerPages.NewContactPage;
import org.opportune.customer.web.CustomerPages.Related;
import org.opportune.customer.web.CustomerPages.Section;
import org.opportune.shared.SignedInUser;
import org.opportune.web.Flash;
import org.opportune.web.Htmx;

/**
 * The customer pages: the list with search, a company's and a contact's page (details edited in place,
 * conversations, other modules' panels, timeline), new records, and merge into… (picking the survivor) with a confirmation.
 * Reading needs INBOX_VIEW, changing INBOX_WORK.
 */
@Controller
@RequestMapping("/customers")
@PreAuthorize("hasAuthority('INBOX_VIEW')")
class CustomerController {

    private static final Logger log = LoggerFactory.getLogger(CustomerController.class);
    private static final String WORK = "hasAuthority('INBOX_WORK')";
    private static final int LIST_SIZE = 50;
    private static final int CONVERSATIONS = 50;

    private final CustomerService customers;
    private final ObjectProvider<CustomerPageSection> sections;

    CustomerController(CustomerService customers, ObjectProvider<CustomerPageSection> sections) {
        this.customers = customers;
        this.sections = sections;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "") String q, HttpServletRequest request, Model model) {
        var query = q.strip();
        model.addAttribute("page", new ListPage(query, customers.searchCompanies(query, LIST_SIZE),
                customers.searchContacts(query, LIST_SIZE)));
        return Htmx.isHtmx(request) ? "customer/fragments/results" : "customer/customers";
    }

    // --- companies --------------------------------------------------------------------------

    @GetMapping("/companies/new")
    @PreAuthorize(WORK)
    String newCompany(Model model) {
        model.addAttribute("page", new NewCompanyPage(CompanyForm.empty(), Map.of()));
        return "customer/newCompany";
    }

    @PostMapping("/companies")
    @PreAuthorize(WORK)
    String createCompany(@AuthenticationPrincipal SignedInUser me, @ModelAttribute CompanyForm form, Model model,
            RedirectAttributes redirect) {
        try {
            var created = customers.createCompany(me.asActor(), form.toCommand());
            Flash.message(redirect, created.name() + " is added.");
            return "redirect:" + created.ref().href();
        } catch (CustomerRuleException e) {
            model.addAttribute("page", new NewCompanyPage(form, e.errors()));
            return "customer/newCompany";
        }
    }

    @GetMapping("/companies/{id}")
    String company(@PathVariable long id, HttpServletRequest request, Model model) {
        var company = loadCompany(id);
        if (company.id() != id) {
            return "redirect:" + company.ref().href();
        }
        model.addAttribute("page", companyPage(company, CompanyForm.of(company), Map.of(), false, null));
        return Htmx.isHtmx(request) ? "customer/fragments/companyDetails" : "customer/company";
    }

    @GetMapping("/companies/{id}/edit")
    @PreAuthorize(WORK)
    String editCompany(@PathVariable long id, HttpServletRequest request, Model model) {
        var company = loadCompany(id);
        model.addAttribute("page", companyPage(company, CompanyForm.of(company), Map.of(), true, null));
        return Htmx.isHtmx(request) ? "customer/fragments/companyDetails" : "customer/company";
    }

    @PostMapping("/companies/{id}")
    @PreAuthorize(WORK)
    String updateCompany(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @ModelAttribute CompanyForm form,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Map<String, String> errors;
        String conflict = null;
        var shown = form;
        try {
            var updated = customers.updateCompany(me.asActor(), id, form.version() == null ? -1 : form.version(), form.toCommand());
            Flash.message(redirect, updated.name() + " is saved.");
            return saved(updated.ref(), request, response, redirect);
        } catch (CustomerRuleException e) {
            errors = e.errors();
        } catch (CustomerChangedException e) {
            errors = Map.of();
            conflict = e.getMessage() + describe(e.changed());
            shown = new CompanyForm(form.name(), form.domains(), form.address(), form.relationship(), form.notes(), e.currentVersion());
        }
        model.addAttribute("page", companyPage(loadCompany(id), shown, errors, true, conflict));
        return Htmx.isHtmx(request) ? "customer/fragments/companyDetails" : "customer/company";
    }

    @GetMapping("/companies/{id}/timeline")
    String companyTimeline(@PathVariable long id, @RequestParam(defaultValue = "0") int page, HttpServletRequest request,
            Model model) {
        var company = loadCompany(id);
        model.addAttribute("related", related(company.ref(), page));
        return "customer/fragments/timeline";
    }

    @GetMapping("/companies/{id}/merge")
    @PreAuthorize(WORK)
    String mergeCompany(@PathVariable long id, @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @Nullable Long survivorId, Model model) {
        var company = loadCompany(id);
        var candidates = customers.searchCompanies(q.strip(), 20).stream().filter(h -> h.ref().id() != company.id()).toList();
        CustomerHit survivor = null;
        String error = null;
        if (survivorId != null) {
            var target = loadCompany(survivorId);
            if (target.id() == company.id()) {
                error = "A company cannot be merged into itself; pick another one.";
            } else {
                survivor = new CustomerHit(target.ref(), target.name(), String.join(", ", target.domains()), target.relationship());
            }
        }
        model.addAttribute("page", new MergePage(company.ref(), company.name(), String.join(", ", company.domains()), q.strip(),
                candidates, survivor, error));
        return "customer/merge";
    }

    @PostMapping("/companies/{id}/merge")
    @PreAuthorize(WORK)
    String mergeCompanyInto(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestParam long survivorId,
            RedirectAttributes redirect) {
        var merged = loadCompany(id);
        try {
            var survivor = customers.mergeCompanies(me.asActor(), id, survivorId);
            Flash.message(redirect, merged.name() + " is merged into " + survivor.name() + ".");
            return "redirect:" + survivor.ref().href();
        } catch (CustomerRuleException e) {
            Flash.message(redirect, e.getMessage());
            return "redirect:" + merged.ref().href();
        }
    }

    // --- contacts ---------------------------------------------------------------------------

    @GetMapping("/contacts/new")
    @PreAuthorize(WORK)
    String newContact(@RequestParam(required = false) @Nullable Long companyId, Model model) {
        model.addAttribute("page", new NewContactPage(ContactForm.empty(companyId), companies(companyId), Map.of()));
        return "customer/newContact";
    }

    @PostMapping("/contacts")
    @PreAuthorize(WORK)
    String createContact(@AuthenticationPrincipal SignedInUser me, @ModelAttribute ContactForm form, Model model,
            RedirectAttributes redirect) {
        try {
            var created = customers.createContact(me.asActor(), form.toCommand());
            Flash.message(redirect, created.name() + " is added.");
            return "redirect:" + created.ref().href();
        } catch (CustomerRuleException e) {
            model.addAttribute("page", new NewContactPage(form, companies(null), e.errors()));
            return "customer/newContact";
        }
    }

    @GetMapping("/contacts/{id}")
    String contact(@PathVariable long id, HttpServletRequest request, Model model) {
        var contact = loadContact(id);
        if (contact.id() != id) {
            return "redirect:" + contact.ref().href();
        }
        model.addAttribute("page", contactPage(contact, ContactForm.of(contact), Map.of(), false, null));
        return Htmx.isHtmx(request) ? "customer/fragments/contactDetails" : "customer/contact";
    }

    @GetMapping("/contacts/{id}/edit")
    @PreAuthorize(WORK)
    String editContact(@PathVariable long id, HttpServletRequest request, Model model) {
        var contact = loadContact(id);
        model.addAttribute("page", contactPage(contact, ContactForm.of(contact), Map.of(), true, null));
        return Htmx.isHtmx(request) ? "customer/fragments/contactDetails" : "customer/contact";
    }

    @PostMapping("/contacts/{id}")
    @PreAuthorize(WORK)
    String updateContact(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @ModelAttribute ContactForm form,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Map<String, String> errors;
        String conflict = null;
        var shown = form;
        try {
            var updated = customers.updateContact(me.asActor(), id, form.version() == null ? -1 : form.version(), form.toCommand());
            Flash.message(redirect, updated.name() + " is saved.");
            return saved(updated.ref(), request, response, redirect);
        } catch (CustomerRuleException e) {
            errors = e.errors();
        } catch (CustomerChangedException e) {
            errors = Map.of();
            conflict = e.getMessage() + describe(e.changed());
            shown = new ContactForm(form.name(), form.emails(), form.phone(), form.companyId(), form.relationship(), form.notes(),
                    e.currentVersion());
        }
        model.addAttribute("page", contactPage(loadContact(id), shown, errors, true, conflict));
        return Htmx.isHtmx(request) ? "customer/fragments/contactDetails" : "customer/contact";
    }

    @GetMapping("/contacts/{id}/timeline")
    String contactTimeline(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        var contact = loadContact(id);
        model.addAttribute("related", related(contact.ref(), page));
        return "customer/fragments/timeline";
    }

    @GetMapping("/contacts/{id}/merge")
    @PreAuthorize(WORK)
    String mergeContact(@PathVariable long id, @RequestParam(defaultValue = "") String q,
            @RequestParam(required = false) @Nullable Long survivorId, Model model) {
        var contact = loadContact(id);
        var candidates = customers.searchContacts(q.strip(), 20).stream().filter(h -> h.ref().id() != contact.id()).toList();
        CustomerHit survivor = null;
        String error = null;
        if (survivorId != null) {
            var target = loadContact(survivorId);
            if (target.id() == contact.id()) {
                error = "A contact cannot be merged into itself; pick another one.";
            } else {
                survivor = new CustomerHit(target.ref(), target.name(), String.join(", ", target.emails()), target.relationship());
            }
        }
        model.addAttribute("page", new MergePage(contact.ref(), contact.name(), String.join(", ", contact.emails()), q.strip(),
                candidates, survivor, error));
        return "customer/merge";
    }

    @PostMapping("/contacts/{id}/merge")
    @PreAuthorize(WORK)
    String mergeContactInto(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestParam long survivorId,
            RedirectAttributes redirect) {
        var merged = loadContact(id);
        try {
            var survivor = customers.mergeContacts(me.asActor(), id, survivorId);
            Flash.message(redirect, merged.name() + " is merged into " + survivor.name() + ".");
            return "redirect:" + survivor.ref().href();
        } catch (CustomerRuleException e) {
            Flash.message(redirect, e.getMessage());
            return "redirect:" + merged.ref().href();
        }
    }

    @ExceptionHandler(CustomerNotFoundException.class)
    void notFound(HttpServletResponse response) throws java.io.IOException {
        response.sendError(404);
    }

    // --- helpers ----------------------------------------------------------------------------

    /** After a save: a redirect, or for HTMX an {@code HX-Redirect} that carries the flash message along. */
    private String saved(CustomerRef ref, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (Htmx.isHtmx(request)) {
            RequestContextUtils.getOutputFlashMap(request).putAll(redirect.getFlashAttributes());
            RequestContextUtils.saveOutputFlashMap(ref.href(), request, response);
            response.setHeader("HX-Redirect", ref.href());
            return "customer/fragments/empty";
        }
        return "redirect:" + ref.href();
    }

    private CompanyPage companyPage(CompanyView company, CompanyForm form, Map<String, String> errors, boolean editing,
            @Nullable String conflict) {
        return new CompanyPage(company, customers.contactsOf(company.id()), form, errors, editing, conflict,
                related(company.ref(), 0));
    }

    private ContactPage contactPage(ContactView contact, ContactForm form, Map<String, String> errors, boolean editing,
            @Nullable String conflict) {
        return new ContactPage(contact, companies(contact.companyId()), form, errors, editing, conflict, related(contact.ref(), 0));
    }

    private Related related(CustomerRef ref, int page) {
        return new Related(ref, customers.conversationsOf(ref, CONVERSATIONS), sections(ref), customers.timeline(ref, page));
    }

    /** Every other module's panel; one that fails shows a note instead of breaking the page. */
    private List<Section> sections(CustomerRef ref) {
        return sections.orderedStream().sorted(Comparator.comparingInt(CustomerPageSection::order)).map(section -> {
            try {
                return new Section(section.title(), section.items(ref), null);
            } catch (RuntimeException e) {
                log.warn("Customer page section {} failed for {} {}", section.title(), ref.kind().code(), ref.id(), e);
                return new Section(section.title(), List.of(), "This panel could not be loaded; reload the page to try again.");
            }
        }).toList();
    }

    /** The companies for the contact form's select: the first ones by name, and the current one. */
    private List<CustomerHit> companies(@Nullable Long current) {
        var list = new java.util.ArrayList<>(customers.searchCompanies("", 200));
        if (current != null && list.stream().noneMatch(h -> h.ref().id() == current)) {
            customers.company(current).ifPresent(c -> list.add(0,
                    new CustomerHit(c.ref(), c.name(), String.join(", ", c.domains()), c.relationship())));
        }
        return list;
    }

    private CompanyView loadCompany(long id) {
        return customers.company(id).orElseThrow(() -> CustomerNotFoundException.forRef(CustomerRef.company(id)));
    }

    private ContactView loadContact(long id) {
        return customers.contact(id).orElseThrow(() -> CustomerNotFoundException.forRef(CustomerRef.contact(id)));
    }

    private static String describe(Map<String, Object> changed) {
        if (changed.isEmpty()) {
            return "";
        }
        var parts = new LinkedHashMap<String, Object>(changed);
        var text = new StringBuilder(" Saved values now:");
        parts.forEach((field, value) -> text.append(' ').append(field).append(" = ").append(value).append(';'));
        return text.toString();
    }
}
