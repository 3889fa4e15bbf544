package org.opportune.customer.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.activity.ActivitySlice;
import org.opportune.customer.CompanyView;
import org.opportune.customer.ContactView;
import org.opportune.customer.CustomerConversation;
import org.opportune.customer.CustomerHit;
import org.opportune.customer.CustomerPageItem;
import org.opportune.customer.CustomerRef;
import org.opportune.customer.web.CustomerForms.CompanyForm;
import org.opportune.customer.web.CustomerForms.ContactForm;

/** What each customer page needs. */
public final class CustomerPages {

    private CustomerPages() {
    }

    /** The list: companies and contacts matching {@code query}. */
    public record ListPage(String query, List<CustomerHit> companies, List<CustomerHit> contacts) {

        public String encodedQuery() {
            return URLEncoder.encode(query, StandardCharsets.UTF_8);
        }
    }

    /**
     * A panel another module contributed; {@code problem} is set when it could not load, so the rest of
     * the page still shows.
     */
    public record Section(String title, List<CustomerPageItem> items, @Nullable String problem) {
    }

    /** The lower half of both customer pages: conversations, other modules' panels, the timeline. */
    public record Related(CustomerRef ref, List<CustomerConversation> conversations, List<Section> sections,
            ActivitySlice timeline) {

        public String timelineLink(int page) {
            return ref.href() + "/timeline?page=" + page;
        }
    }

    /**
     * A company's page; with {@code editing} the details are a form, with {@code errors} and, after a
     * refused stale edit, {@code conflict} saying what changed.
     */
    public record CompanyPage(CompanyView company, List<ContactView> contacts, CompanyForm form, Map<String, String> errors,
            boolean editing, @Nullable String conflict, Related related) {

        public Map<String, String> relationships() {
            return CustomerForms.relationships();
        }
    }

    public record ContactPage(ContactView contact, List<CustomerHit> companies, ContactForm form, Map<String, String> errors,
            boolean editing, @Nullable String conflict, Related related) {

        public Map<String, String> relationships() {
            return CustomerForms.relationships();
        }
    }

    /** A new company form. */
    public record NewCompanyPage(CompanyForm form, Map<String, String> errors) {

        public Map<String, String> relationships() {
            return CustomerForms.relationships();
        }
    }

    /** A new contact form. */
    public record NewContactPage(ContactForm form, List<CustomerHit> companies, Map<String, String> errors) {

        public Map<String, String> relationships() {
            return CustomerForms.relationships();
        }
    }

    /**
     * Merge into…: the record being merged, candidates matching {@code query}, and once one is picked,
     * the {@code survivor} to confirm.
     */
    public record MergePage(CustomerRef merged, String mergedName, String mergedDetail, String query,
            List<CustomerHit> candidates, @Nullable CustomerHit survivor, @Nullable String error) {

        public String kindLabel() {
            return merged.kind().code();
        }

        public String action() {
            return merged.href() + "/merge";
        }
    }
}
