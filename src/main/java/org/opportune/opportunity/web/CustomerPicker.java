package org.opportune.opportunity.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import org.opportune.customer.CompanyView;
import org.opportune.customer.ContactView;
import org.opportune.customer.CustomerHit;
import org.opportune.customer.CustomerService;

/**
 * The company and contact fields of the opportunity form take a name, not a number: the form shows
 * "Northwind Traders #12", the browser offers matches as the person types (a datalist filled by HTMX), and
 * a name typed without picking is looked up on save — one match is taken, none or several are a message
 * next to the field. A plain number still works, for scripts and old bookmarks, when it is the id of a
 * company or contact on record; otherwise it is looked up as a name like any other text ("1848 Design").
 */
@Component
class CustomerPicker {

    static final int OPTIONS = 8;
    private static final Pattern TRAILING_ID = Pattern.compile("^(.*?)\\s*#(\\d{1,18})\\s*$");

    private final CustomerService customers;

    CustomerPicker(CustomerService customers) {
        this.customers = customers;
    }

    /** Which of the two fields. */
    enum Kind {
        COMPANY("companyId", "company", "companies"), CONTACT("contactId", "contact", "contacts");

        final String field;
        final String noun;
        final String plural;

        Kind(String field, String noun, String plural) {
            this.field = field;
            this.noun = noun;
            this.plural = plural;
        }

        static Kind parse(String text) {
            return "contact".equalsIgnoreCase(text) ? CONTACT : COMPANY;
        }
    }

    /** The form as shown: ids replaced by "Name #id". */
    OpportunityForm labelled(OpportunityForm form) {
        return form.withCustomers(label(Kind.COMPANY, form.companyId()), label(Kind.CONTACT, form.contactId()));
    }

    /** The form as saved: names and labels replaced by ids; what cannot be resolved goes into {@code errors}. */
    OpportunityForm resolved(OpportunityForm form, Map<String, String> errors) {
        return form.withCustomers(resolve(Kind.COMPANY, form.companyId(), errors), resolve(Kind.CONTACT, form.contactId(), errors));
    }

    /** Matches for what the person has typed so far. */
    List<CustomerHit> options(Kind kind, @Nullable String typed) {
        var text = typed == null ? "" : stripId(typed);
        if (text.isBlank()) {
            return List.of();
        }
        return kind == Kind.COMPANY ? customers.searchCompanies(text, OPTIONS) : customers.searchContacts(text, OPTIONS);
    }

    private @Nullable String label(Kind kind, @Nullable String idText) {
        if (idText == null || !idText.strip().matches("\\d{1,18}")) {
            return idText;
        }
        var id = Long.parseLong(idText.strip());
        var name = kind == Kind.COMPANY ? customers.company(id).map(CompanyView::name)
                : customers.contact(id).map(ContactView::name);
        return name.map(n -> n + " #" + id).orElse(idText);
    }

    private @Nullable String resolve(Kind kind, @Nullable String typed, Map<String, String> errors) {
        if (typed == null || typed.isBlank()) {
            return typed;
        }
        var text = typed.strip();
        if (text.matches("\\d{1,18}") && exists(kind, Long.parseLong(text))) {
            return text;
        }
        var labelled = TRAILING_ID.matcher(text);
        if (labelled.matches()) {
            return labelled.group(2);
        }
        if (kind == Kind.CONTACT && text.contains("@")) {
            var byMail = customers.contactByEmail(text.toLowerCase(Locale.ROOT));
            if (byMail.isPresent()) {
                return Long.toString(byMail.get().id());
            }
        }
        var hits = options(kind, text);
        var exact = hits.stream().filter(h -> h.name().equalsIgnoreCase(text)).toList();
        var chosen = exact.size() == 1 ? exact : hits;
        if (chosen.size() == 1) {
            return Long.toString(chosen.get(0).ref().id());
        }
        if (chosen.isEmpty()) {
            errors.put(kind.field, "No " + kind.noun + " matches '" + text + "'. Pick one from the list as you type, "
                    + "add it under Customers first, or leave the field empty.");
        } else {
            errors.put(kind.field, "Several " + kind.plural + " match '" + text + "': " + String.join(", ", chosen.stream().limit(5).map(h -> h.name() + " #" + h.ref().id()).toList())
                    + ". Pick one from the list.");
        }
        return null;
    }

    private boolean exists(Kind kind, long id) {
        return kind == Kind.COMPANY ? customers.company(id).isPresent() : customers.contact(id).isPresent();
    }

    private static String stripId(String typed) {
        var labelled = TRAILING_ID.matcher(typed.strip());
        return labelled.matches() ? labelled.group(1) : typed.strip();
    }
}
