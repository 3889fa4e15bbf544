package org.opportune.customer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.conversation.ConversationService;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The customer API and pages over real HTTP, with each role's permissions. */
@IntegrationTest
class CustomerWebIntegrationTests {

    private static final String PASSWORD = "correct horse battery";
    private static final String SALES = "sales@harbourlane-web.example";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    CustomerService customers;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailIngestion ingestion;

    @Autowired
    ConversationService conversations;

    @Autowired
    JdbcClient jdbc;

    /** What the opportunity and task modules will do: add a panel to every customer page. */
    @TestConfiguration
    static class Sections {

        @Bean
        CustomerPageSection opportunitiesSection() {
            return new CustomerPageSection() {
                public String title() { return "Opportunities (test)"; }
                public int order() { return 20; }
                public List<CustomerPageItem> items(CustomerRef ref) {
                    return List.of(new CustomerPageItem("Deal for " + ref.kind().code() + " " + ref.id(), "/opportunities/1",
                            "due tomorrow", "Proposal sent"));
                }
            };
        }

        @Bean
        CustomerPageSection brokenSection() {
            return new CustomerPageSection() {
                public String title() { return "Broken panel"; }
                public int order() { return 30; }
                public List<CustomerPageItem> items(CustomerRef ref) {
                    throw new IllegalStateException("boom");
                }
            };
        }
    }

    private String run;
    private long mailboxId;

    @BeforeEach
    void setUp() {
        run = UUID.randomUUID().toString().substring(0, 8);
        mailboxId = mailboxes.ensureMailbox(SALES).id();
    }

    // --- API --------------------------------------------------------------------------------

    @Test
    void aRepCreatesReadsListsAndUpdatesCompaniesThroughTheApi() {
        var rep = signedIn(Role.REP);
        rep.get("/customers");

        var created = rep.json("POST", "/api/v1/companies", """
                {"name": "Northwind %s", "domains": ["Northwind-%s.example"], "address": "1 Quay", "relationship": "customer"}
                """.formatted(run, run));
        var id = customers.companyByDomain("northwind-" + run + ".example").orElseThrow().id();
        var one = rep.json("GET", "/api/v1/companies/" + id, null);
        var list = rep.json("GET", "/api/v1/companies?q=northwind-" + run, null);
        var updated = rep.json("PUT", "/api/v1/companies/" + id, """
                {"name": "Northwind Traders %s", "domains": ["northwind-%s.example"], "relationship": "customer", "version": 0}
                """.formatted(run, run));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/companies/" + id);
        assertThat(created.body()).contains("\"domains\":[\"northwind-" + run + ".example\"]", "\"relationship\":\"CUSTOMER\"");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("Northwind " + run, "\"version\":0");
        assertThat(list.body()).contains("\"id\":" + id);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.body()).contains("Northwind Traders " + run, "\"version\":1", "\"address\":\"\"");
    }

    @Test
    void theApiAnswersWithProblemDetailsFor400And404And409() {
        var rep = signedIn(Role.REP);
        var company = customers.createCompany(Actor.system(), new CompanyCommand("Stale " + run, List.of(), "", Relationship.PROSPECT, ""));
        customers.updateCompany(Actor.user(1, "marco"), company.id(), 0, new CompanyCommand("Stale " + run, List.of(),
                "2 Harbour Walk", Relationship.PROSPECT, ""));
        rep.get("/customers");

        var invalid = rep.json("POST", "/api/v1/contacts", """
                {"name": "", "emails": ["not-an-address"], "relationship": "friend"}""");
        var invalidFields = rep.json("POST", "/api/v1/contacts", """
                {"name": "", "emails": ["not-an-address"], "companyId": 99999999}""");
        var noVersion = rep.json("PUT", "/api/v1/companies/" + company.id(), """
                {"name": "Stale %s"}""".formatted(run));
        var stale = rep.json("PUT", "/api/v1/companies/" + company.id(), """
                {"name": "Fresh %s", "version": 0}""".formatted(run));
        var missing = rep.json("GET", "/api/v1/contacts/99999999", null);
        var missingUpdate = rep.json("PUT", "/api/v1/contacts/99999999", """
                {"name": "X", "version": 0}""");
        var missingMerge = rep.json("POST", "/api/v1/companies/" + company.id() + "/merge-into/99999999", null);
        var unreadable = rep.json("POST", "/api/v1/companies", "{not json");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(invalid.body()).contains("\"relationship\"", "prospect, customer, supplier, partner, other");
        assertThat(invalidFields.statusCode()).isEqualTo(400);
        assertThat(invalidFields.body()).contains("\"name\":\"Enter a name.\"", "\"emails\"", "not a mail address", "\"companyId\"");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(noVersion.body()).contains("\"version\"");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("\"currentVersion\":1", "\"yourVersion\":0", "\"address\":\"2 Harbour Walk\"", "marco");
        assertThat(customers.company(company.id()).orElseThrow().name()).isEqualTo("Stale " + run);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no contact 99999999.");
        assertThat(missingUpdate.statusCode()).isEqualTo(404);
        assertThat(missingMerge.statusCode()).isEqualTo(404);
        assertThat(unreadable.statusCode()).isEqualTo(400);
    }

    @Test
    void contactsAreMergedThroughTheApi() {
        var rep = signedIn(Role.REP);
        var keep = customers.createContact(Actor.system(), new ContactCommand("Ida Keep", List.of("ida." + run + "@keep.example"),
                "", null, Relationship.PROSPECT, ""));
        var lose = customers.createContact(Actor.system(), new ContactCommand("Ida K.", List.of("ida." + run + "@gmail.com"),
                "0117 000", null, Relationship.PROSPECT, "met at the fair"));
        rep.get("/customers");

        var merged = rep.json("POST", "/api/v1/contacts/" + lose.id() + "/merge-into/" + keep.id(), null);
        var viaLoser = rep.json("GET", "/api/v1/contacts/" + lose.id(), null);
        var intoItself = rep.json("POST", "/api/v1/contacts/" + keep.id() + "/merge-into/" + keep.id(), null);

        assertThat(merged.statusCode()).isEqualTo(200);
        assertThat(merged.body()).contains("\"id\":" + keep.id(), "ida." + run + "@gmail.com", "0117 000", "met at the fair");
        assertThat(viaLoser.body()).contains("\"id\":" + keep.id());
        assertThat(intoItself.statusCode()).isEqualTo(400);
    }

    @Test
    void aViewerReadsButCannotChangeAnything() {
        var viewer = signedIn(Role.VIEWER);
        var company = customers.createCompany(Actor.system(), new CompanyCommand("Readonly " + run, List.of(), "", Relationship.PROSPECT, ""));
        var other = customers.createCompany(Actor.system(), new CompanyCommand("Other " + run, List.of(), "", Relationship.PROSPECT, ""));
        var contact = customers.createContact(Actor.system(), new ContactCommand("Viewer Seen", List.of(), "", null, Relationship.PROSPECT, ""));
        viewer.get("/customers");

        var read = viewer.json("GET", "/api/v1/companies/" + company.id(), null);
        var readContacts = viewer.json("GET", "/api/v1/contacts", null);
        var create = viewer.json("POST", "/api/v1/companies", "{\"name\": \"Nope\"}");
        var createContact = viewer.json("POST", "/api/v1/contacts", "{\"name\": \"Nope\"}");
        var update = viewer.json("PUT", "/api/v1/companies/" + company.id(), "{\"name\": \"Nope\", \"version\": 0}");
        var updateContact = viewer.json("PUT", "/api/v1/contacts/" + contact.id(), "{\"name\": \"Nope\", \"version\": 0}");
        var merge = viewer.json("POST", "/api/v1/companies/" + company.id() + "/merge-into/" + other.id(), null);
        var mergeContact = viewer.json("POST", "/api/v1/contacts/" + contact.id() + "/merge-into/" + contact.id(), null);
        var page = viewer.get("/customers/companies/" + company.id());
        var editPage = viewer.get("/customers/companies/" + company.id() + "/edit");
        var post = viewer.post("/customers/companies/" + company.id(), Map.of("name", "Nope", "version", "0"));
        var mergePost = viewer.post("/customers/companies/" + company.id() + "/merge", Map.of("survivorId", Long.toString(other.id())));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(readContacts.statusCode()).isEqualTo(200);
        assertThat(List.of(create, createContact, update, updateContact, merge, mergeContact)).allSatisfy(r ->
                assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(403));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Readonly " + run).doesNotContain("Merge into…", "/edit\"");
        assertThat(editPage.statusCode()).isEqualTo(403);
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(mergePost.statusCode()).isEqualTo(403);
        assertThat(customers.company(company.id()).orElseThrow().name()).isEqualTo("Readonly " + run);
        assertThat(customers.company(company.id()).orElseThrow().id()).isEqualTo(company.id());
    }

    // --- pages ------------------------------------------------------------------------------

    @Test
    void theCompanyPageShowsDetailsContactsConversationsOtherModulesPanelsAndTimeline() {
        var rep = signedIn(Role.REP);
        var messageId = ingest("Jana Novak <jana." + run + "@page-" + run + ".example>", "Counter for the lobby");
        var jana = await().atMost(Duration.ofSeconds(15))
                .until(() -> customers.contactByEmail("jana." + run + "@page-" + run + ".example").orElse(null), c -> c != null);
        var conversationId = conversations.conversationOf(messageId).orElseThrow();
        await().atMost(Duration.ofSeconds(15)).until(() -> customers.customerOfConversation(conversationId).isPresent());

        var companyName = "Page " + Character.toUpperCase(run.charAt(0)) + run.substring(1);
        var list = rep.get("/customers?q=page-" + run);
        var results = rep.getHtmx("/customers?q=jana." + run);
        var company = rep.get("/customers/companies/" + jana.companyId());
        var contact = rep.get("/customers/contacts/" + jana.id());
        var nav = rep.get("/");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(companyName, "page-" + run + ".example");
        assertThat(results.body()).contains("Jana Novak").doesNotContain("<html");
        assertThat(company.statusCode()).isEqualTo(200);
        assertThat(company.body()).contains(companyName, "Jana Novak", "Counter for the lobby", "/conversations/" + conversationId,
                "Opportunities (test)", "Deal for company " + jana.companyId(), "Proposal sent",
                "Broken panel", "could not be loaded", "company.created", "Merge into…");
        assertThat(company.body().indexOf("Opportunities (test)")).isLessThan(company.body().indexOf("Broken panel"));
        assertThat(contact.body()).contains("Jana Novak", "jana." + run + "@page-" + run + ".example", "mail to " + SALES,
                "Counter for the lobby", "Deal for contact " + jana.id(), "contact.created");
        assertThat(nav.body()).contains("href=\"/customers\"");
    }

    @Test
    void editingInPlaceShowsFieldErrorsAndRefusesAStaleEdit() {
        var rep = signedIn(Role.REP);
        var company = customers.createCompany(Actor.system(), new CompanyCommand("Edit " + run, List.of("edit-" + run + ".example"),
                "", Relationship.PROSPECT, ""));
        var path = "/customers/companies/" + company.id();
        var editFragment = rep.getHtmx(path + "/edit");
        rep.get(path + "/edit");

        var invalid = rep.post(path, form(company, "", "gmail.com", "0"));
        var saved = rep.post(path, form(company, "Edited " + run, "edit-" + run + ".example", "0"));
        var stale = rep.post(path, form(company, "Stale edit " + run, "edit-" + run + ".example", "0"));
        var after = rep.get(path);

        assertThat(editFragment.body()).contains("<form", "name=\"version\" value=\"0\"").doesNotContain("<html");
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body()).contains("id=\"name-error\"", "Enter a name.", "id=\"domains-error\"", "free-mail");
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(path));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).contains("id=\"conflict\"", "was changed by", "since you opened it", "name = Edited " + run,
                "name=\"version\" value=\"1\"");
        assertThat(after.body()).contains("Edited " + run, "company.updated").doesNotContain("Stale edit " + run);
    }

    @Test
    void mergingFromThePageAsksForConfirmationAndRedirectsToTheSurvivor() {
        var rep = signedIn(Role.REP);
        var keep = customers.createCompany(Actor.system(), new CompanyCommand("Keepco " + run, List.of("keepco-" + run + ".example"),
                "", Relationship.CUSTOMER, ""));
        var lose = customers.createCompany(Actor.system(), new CompanyCommand("Loseco " + run, List.of("loseco-" + run + ".example"),
                "", Relationship.PROSPECT, ""));

        var pick = rep.get("/customers/companies/" + lose.id() + "/merge?q=keepco-" + run);
        var confirm = rep.get("/customers/companies/" + lose.id() + "/merge?survivorId=" + keep.id());
        var merged = rep.post("/customers/companies/" + lose.id() + "/merge", Map.of("survivorId", Long.toString(keep.id())));
        var oldLink = rep.get("/customers/companies/" + lose.id());
        var survivor = rep.get("/customers/companies/" + keep.id());

        assertThat(pick.body()).contains("Keepco " + run, "survivorId=" + keep.id());
        assertThat(confirm.body()).contains("id=\"confirm\"", "Merge <strong>Loseco " + run + "</strong> into <strong>Keepco " + run,
                "Yes, merge");
        assertThat(merged.statusCode()).isEqualTo(302);
        assertThat(merged.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/customers/companies/" + keep.id()));
        assertThat(oldLink.statusCode()).isEqualTo(302);
        assertThat(oldLink.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/customers/companies/" + keep.id()));
        assertThat(survivor.body()).contains("loseco-" + run + ".example", "Loseco " + run + " is merged into Keepco " + run, "company.merged");
    }

    @Test
    void everyPageAndFragmentRendersForARep() {
        var rep = signedIn(Role.REP);
        var company = customers.createCompany(Actor.system(), new CompanyCommand("Render " + run, List.of("render-" + run + ".example"),
                "", Relationship.PROSPECT, ""));
        var contact = customers.createContact(Actor.system(), new ContactCommand("Rena Der", List.of("rena." + run + "@render-" + run
                + ".example"), "", company.id(), Relationship.PROSPECT, ""));
        var other = customers.createContact(Actor.system(), new ContactCommand("Rena Other", List.of(), "", null, Relationship.OTHER, ""));

        var pages = new LinkedHashMap<String, java.net.http.HttpResponse<String>>();
        pages.put("new company", rep.get("/customers/companies/new"));
        pages.put("new contact", rep.get("/customers/contacts/new?companyId=" + company.id()));
        pages.put("company edit", rep.get("/customers/companies/" + company.id() + "/edit"));
        pages.put("contact edit", rep.get("/customers/contacts/" + contact.id() + "/edit"));
        pages.put("contact merge", rep.get("/customers/contacts/" + contact.id() + "/merge?q=rena"));
        pages.put("contact merge confirm", rep.get("/customers/contacts/" + contact.id() + "/merge?survivorId=" + other.id()));
        var fragments = new LinkedHashMap<String, java.net.http.HttpResponse<String>>();
        fragments.put("company details", rep.getHtmx("/customers/companies/" + company.id()));
        fragments.put("contact details", rep.getHtmx("/customers/contacts/" + contact.id()));
        fragments.put("contact edit", rep.getHtmx("/customers/contacts/" + contact.id() + "/edit"));
        fragments.put("company timeline", rep.getHtmx("/customers/companies/" + company.id() + "/timeline?page=0"));
        fragments.put("contact timeline", rep.getHtmx("/customers/contacts/" + contact.id() + "/timeline?page=0"));

        assertThat(pages).allSatisfy((name, page) -> {
            assertThat(page.statusCode()).as(name).isEqualTo(200);
            assertThat(page.body()).as(name).contains("<html", "</html>");
        });
        assertThat(fragments).allSatisfy((name, fragment) -> {
            assertThat(fragment.statusCode()).as(name).isEqualTo(200);
            assertThat(fragment.body()).as(name).doesNotContain("<html");
        });
        assertThat(pages.get("new contact").body()).contains("<option value=\"" + company.id() + "\" selected>Render " + run);
        assertThat(pages.get("contact merge").body()).contains("Rena Other").doesNotContain("survivorId=" + contact.id());
        assertThat(pages.get("contact merge confirm").body()).contains("Merge <strong>Rena Der</strong> into <strong>Rena Other</strong>");
        assertThat(fragments.get("company details").body()).contains("id=\"details\"", "Rena Der");
        assertThat(fragments.get("contact edit").body()).contains("<form", "name=\"emails\"", "rena." + run + "@render-" + run + ".example");
        assertThat(fragments.get("contact timeline").body()).contains("id=\"timeline\"", "contact.created");
    }

    @Test
    void unknownCustomersAre404Pages() {
        var rep = signedIn(Role.REP);

        assertThat(rep.get("/customers/companies/99999999").statusCode()).isEqualTo(404);
        assertThat(rep.get("/customers/contacts/99999999").statusCode()).isEqualTo(404);
    }

    @Test
    void aContactIsAddedFromThePageWithClearErrors() {
        var rep = signedIn(Role.REP);
        customers.createContact(Actor.system(), new ContactCommand("Owner", List.of("taken." + run + "@own.example"), "", null,
                Relationship.PROSPECT, ""));
        rep.get("/customers/contacts/new");

        var taken = rep.post("/customers/contacts", Map.of("name", "Copy", "emails", "Taken." + run + "@own.example", "relationship", "prospect"));
        var created = rep.post("/customers/contacts", Map.of("name", "New Person " + run, "emails", "new." + run + "@own.example",
                "phone", "0117 123", "relationship", "partner"));

        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.body()).contains("id=\"emails-error\"", "is the address of Owner already");
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(customers.contactByEmail("new." + run + "@own.example")).hasValueSatisfying(c -> {
            assertThat(c.relationship()).isEqualTo(Relationship.PARTNER);
            assertThat(c.source()).isEqualTo("manual");
        });
    }

    // --- helpers ----------------------------------------------------------------------------

    private Map<String, String> form(CompanyView company, String name, String domains, String version) {
        var form = new LinkedHashMap<String, String>();
        form.put("name", name);
        form.put("domains", domains);
        form.put("address", company.address());
        form.put("relationship", company.relationship().code());
        form.put("notes", company.notes());
        form.put("version", version);
        return form;
    }

    private long ingest(String from, String subject) {
        var raw = "From: " + from + "\r\nTo: " + SALES + "\r\nSubject: " + subject + "\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@test.example>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello\r\n";
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw.getBytes(StandardCharsets.UTF_8));
        return result.messageId();
    }

    private Browser signedIn(Role role) {
        var username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createUserWithPassword(Actor.system(), username, "Test " + role.label(), null, role, PASSWORD, "test");
        var browser = new Browser(port);
        browser.signIn(username, PASSWORD);
        return browser;
    }
}
