package org.opportune.customer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import org.opportune.conversation.ConversationEvents.MessageThreaded;
import org.opportune.conversation.ConversationService;
import org.opportune.customer.CustomerEvents.CustomersMerged;
import org.opportune.mail.IncomingMessage;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;
import org.opportune.testing.IntegrationTest;
import org.opportune.triage.Category;
import org.opportune.triage.TriageService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Mail in through the real ingestion path; customers out of the customer module. */
@IntegrationTest
@RecordApplicationEvents
class CustomerIntegrationTests {

    private static final Actor REP = Actor.user(7, "rep");
    private static final String SALES = "sales@harbourlane-customers.example";

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailIngestion ingestion;

    @Autowired
    ConversationService conversations;

    @Autowired
    CustomerService customers;

    @Autowired
    CustomerMatching matching;

    @Autowired
    TriageService triage;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    private long mailboxId;
    private String run;

    @BeforeEach
    void mailbox() {
        mailboxId = mailboxes.ensureMailbox(SALES).id();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aMessageFromAnUnknownCompanySenderCreatesContactAndCompanyAndLinksTheConversation() {
        var messageId = ingest("Anna Berg <anna." + run + "@northwind-traders.example>", SALES, "Desks", "Could you send us a quote?");

        var contact = awaitContact("anna." + run + "@northwind-traders.example");
        var conversationId = conversations.conversationOf(messageId).orElseThrow();
        var customer = await().atMost(Duration.ofSeconds(10))
                .until(() -> customers.customerOfConversation(conversationId), java.util.Optional::isPresent).orElseThrow();

        assertThat(contact.name()).isEqualTo("Anna Berg");
        assertThat(contact.source()).isEqualTo("mailbox:" + SALES);
        assertThat(contact.relationship()).isEqualTo(Relationship.PROSPECT);
        var company = customers.company(contact.companyId()).orElseThrow();
        assertThat(company.name()).isEqualTo("Northwind Traders");
        assertThat(company.domains()).containsExactly("northwind-traders.example");
        assertThat(customer.contact().id()).isEqualTo(contact.id());
        assertThat(customer.company()).isNotNull().extracting(CompanyView::id).isEqualTo(company.id());
        assertThat(customers.conversationsOf(company.ref(), 10)).extracting(CustomerConversation::conversationId).contains(conversationId);
        assertThat(customers.conversationsOf(contact.ref(), 10)).singleElement()
                .satisfies(c -> assertThat(c.subject()).isEqualTo("Desks"));
        assertThat(trail("contact", contact.id())).containsExactly("contact.created by system");
        assertThat(trail("company", company.id())).containsExactly("company.created by system");
    }

    @Test
    void aColleagueAtTheSameDomainJoinsTheSameCompany() {
        ingest("Carl Meyer <carl." + run + "@fabrikam.example>", SALES, "Chairs", "Hello");
        var first = awaitContact("carl." + run + "@fabrikam.example");

        ingest("Dora Klein <dora." + run + "@mail.fabrikam.example>", SALES, "Tables", "Hello again");
        var second = awaitContact("dora." + run + "@mail.fabrikam.example");

        assertThat(second.companyId()).isNotNull().isEqualTo(first.companyId());
        assertThat(customers.contactsOf(first.companyId())).extracting(ContactView::name).contains("Carl Meyer", "Dora Klein");
        assertThat(companiesNamed("Fabrikam")).isEqualTo(1);
    }

    @Test
    void colleaguesAtANewCompanyWritingAtOnceMakeOneCompany() throws Exception {
        var pool = Executors.newFixedThreadPool(6);
        var tasks = new ArrayList<Callable<Long>>();
        for (int i = 0; i < 6; i++) {
            var n = i;
            tasks.add(() -> ingest("Person " + n + " <p" + n + "." + run + "@parallel-" + run + ".example>", SALES, "Hi " + n, "Hello"));
        }
        for (var future : pool.invokeAll(tasks)) {
            future.get();
        }
        pool.shutdown();

        var contacts = new ArrayList<ContactView>();
        for (int i = 0; i < 6; i++) {
            contacts.add(awaitContact("p" + i + "." + run + "@parallel-" + run + ".example"));
        }

        assertThat(contacts).extracting(ContactView::companyId).doesNotContainNull().containsOnly(contacts.get(0).companyId());
        assertThat(companiesNamed("Parallel " + run)).isEqualTo(1);
    }

    @Test
    void aFreeMailSenderGetsAContactButNoCompany() {
        ingest("\"David Osei\" <david.osei." + run + "@gmail.com>", SALES, "Small job", "Can you fix a shelf?");

        var contact = awaitContact("david.osei." + run + "@gmail.com");

        assertThat(contact.name()).isEqualTo("David Osei");
        assertThat(contact.companyId()).isNull();
        assertThat(customers.companyByDomain("gmail.com")).isEmpty();
        assertThat(jdbc.sql("select count(*) from company_domains where domain = 'gmail.com'").query(Long.class).single()).isZero();
    }

    @Test
    void ourOwnMailCreatesNoContactForUsButLinksItsExternalRecipient() {
        var internal = ingest("Sam Okafor <sam." + run + "@harbourlane-customers.example>", SALES, "Workshop", "Lunch at 1?");
        var outgoing = ingest("Priya Shah <priya." + run + "@harbourlane-customers.example>",
                "Rita Lund <rita." + run + "@lund-design.example>", "Your enquiry", "Here is our quote.");
        var bounce = ingest("Mail Delivery System <MAILER-DAEMON@mx1.harbourlane-customers.example>", SALES, "Undelivered", "Sorry");

        var rita = awaitContact("rita." + run + "@lund-design.example");
        awaitListeners();

        assertThat(rita.name()).isEqualTo("Rita Lund");
        assertThat(customers.customerOfConversation(conversations.conversationOf(outgoing).orElseThrow()))
                .hasValueSatisfying(c -> assertThat(c.contact().id()).isEqualTo(rita.id()));
        assertThat(customers.contactByEmail("sam." + run + "@harbourlane-customers.example")).isEmpty();
        assertThat(customers.contactByEmail("priya." + run + "@harbourlane-customers.example")).isEmpty();
        assertThat(customers.contactByEmail("mailer-daemon@mx1.harbourlane-customers.example")).isEmpty();
        assertThat(customers.companyByDomain("harbourlane-customers.example")).isEmpty();
        assertThat(customers.customerOfConversation(conversations.conversationOf(internal).orElseThrow())).isEmpty();
        assertThat(customers.customerOfConversation(conversations.conversationOf(bounce).orElseThrow())).isEmpty();
    }

    /**
     * An import's batch is linked with one set of lookups for all its messages: the outcome has to be the one of
     * linking them one by one, in order, including contacts and companies that earlier messages of the batch created.
     */
    @Test
    void aBatchLinksLikeItsMessagesOneByOne() {
        var carlAddress = "carl." + run + "@known-" + run + ".example";
        ingest("Carl Known <" + carlAddress + ">", SALES, "Earlier", "Hello");
        var carl = awaitContact(carlAddress);
        awaitListeners();
        var anna = "Anna Acme <anna." + run + "@acme-" + run + ".example>";
        var raws = List.of(
                raw(anna, SALES, "Desks " + run, "A quote, please.", "<b1-" + run + "@test.example>"),
                raw(anna, SALES, "Chairs " + run, "And chairs.", "<b2-" + run + "@test.example>"),
                raw("Ben Acme <ben." + run + "@acme-" + run + ".example>", SALES, "Lamps " + run, "Lamps too.", "<b3-" + run + "@test.example>"),
                raw("Priya Shah <priya." + run + "@harbourlane-customers.example>", "Rita Lund <rita." + run + "@lund-" + run
                        + ".example>", "Your enquiry " + run, "Here is our quote.", "<b4-" + run + "@test.example>"),
                raw("Dana Free <dana." + run + "@gmail.com>", SALES, "Question " + run, "Hi", "<b5-" + run + "@test.example>"),
                raw("Carl Known <" + carlAddress + ">", SALES, "Again " + run, "Hello again", "<b6-" + run + "@test.example>"));

        var results = ingestion.ingestAll(raws.stream().map(raw -> new IncomingMessage(IngestSource.imported(mailboxId, "batch"),
                raw.getBytes(StandardCharsets.UTF_8))).toList());
        awaitListeners();

        var ids = results.stream().map(r -> r.messageId()).toList();
        var annaContact = customers.contactByEmail("anna." + run + "@acme-" + run + ".example").orElseThrow();
        var ben = customers.contactByEmail("ben." + run + "@acme-" + run + ".example").orElseThrow();
        var rita = customers.contactByEmail("rita." + run + "@lund-" + run + ".example").orElseThrow();
        var dana = customers.contactByEmail("dana." + run + "@gmail.com").orElseThrow();
        assertThat(companiesNamed("Acme " + run)).isEqualTo(1);
        assertThat(ben.companyId()).isNotNull().isEqualTo(annaContact.companyId());
        assertThat(dana.companyId()).isNull();
        assertThat(customers.contactByEmail("priya." + run + "@harbourlane-customers.example")).isEmpty();
        var expected = List.of(annaContact.id(), annaContact.id(), ben.id(), rita.id(), dana.id(), carl.id());
        for (int i = 0; i < ids.size(); i++) {
            var conversationId = conversations.conversationOf(ids.get(i)).orElseThrow();
            var contactId = expected.get(i);
            assertThat(customers.customerOfConversation(conversationId)).as("customer of message %d", i)
                    .hasValueSatisfying(c -> assertThat(c.contact().id()).isEqualTo(contactId));
        }
        assertThat(customers.conversationsOf(annaContact.ref(), 10)).extracting(CustomerConversation::subject)
                .containsExactlyInAnyOrder("Desks " + run, "Chairs " + run);
        assertThat(customers.conversationsOf(carl.ref(), 10)).hasSize(2);
        assertThat(jdbc.sql("select count(*) from contact_emails where address like :run").param("run", "%" + run + "%")
                .query(Long.class).single()).as("one contact per address, none for us").isEqualTo(5);
        assertThat(trail("contact", annaContact.id())).containsExactly("contact.created by system");
        assertThat(trail("contact", carl.id())).containsExactly("contact.created by system");
        assertThat(trail("company", annaContact.companyId())).containsExactly("company.created by system");
    }

    @Test
    void replayingTheSameEventCreatesNoDuplicates() {
        var messageId = ingest("Erik Sand <erik." + run + "@replay-" + run + ".example>", SALES, "Replay", "Hello");
        var contact = awaitContact("erik." + run + "@replay-" + run + ".example");
        var conversationId = conversations.conversationOf(messageId).orElseThrow();
        awaitListeners();

        matching.on(new MessageThreaded(messageId, conversationId, true));
        matching.on(new MessageThreaded(messageId, conversationId, true));
        var again = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw("Erik Sand <erik." + run + "@replay-" + run
                + ".example>", SALES, "Replay", "Hello", "<replay-" + run + "@test.example>").getBytes(StandardCharsets.UTF_8));
        awaitListeners();

        assertThat(again.messageId()).isNotNull();
        assertThat(jdbc.sql("select count(*) from contacts where name = 'Erik Sand'").query(Long.class).single()).isEqualTo(1);
        assertThat(companiesNamed("Replay " + run)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from conversation_customers where contact_id = :id").param("id", contact.id())
                .query(Long.class).single()).isEqualTo(conversations.conversationOf(again.messageId()).orElseThrow() == conversationId ? 1 : 2);
        assertThat(trail("contact", contact.id())).containsExactly("contact.created by system");
        assertThat(trail("company", contact.companyId())).containsExactly("company.created by system");
        assertThat(customers.conversationsOf(contact.ref(), 10)).extracting(CustomerConversation::conversationId).contains(conversationId);
    }

    @Test
    void mergingContactsMovesAddressesAndConversationsAndIsAudited() {
        var work = ingest("Fiona Hale <fiona." + run + "@halewood.example>", SALES, "Quote", "Please quote 3 desks");
        var home = ingest("Fi Hale <fiona.hale." + run + "@gmail.com>", SALES, "From home", "Sent from my phone");
        var survivor = awaitContact("fiona." + run + "@halewood.example");
        var merged = awaitContact("fiona.hale." + run + "@gmail.com");
        var homeConversation = conversations.conversationOf(home).orElseThrow();
        awaitLink(homeConversation);

        var result = customers.mergeContacts(REP, merged.id(), survivor.id());

        assertThat(result.id()).isEqualTo(survivor.id());
        assertThat(result.emails()).containsExactly("fiona." + run + "@halewood.example", "fiona.hale." + run + "@gmail.com");
        assertThat(customers.contact(merged.id())).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(survivor.id()));
        assertThat(customers.contactNames(List.of(merged.id(), survivor.id())))
                .containsOnly(entry(merged.id(), survivor.name()), entry(survivor.id(), survivor.name()));
        assertThat(customers.contactByEmail("fiona.hale." + run + "@gmail.com")).map(ContactView::id).hasValue(survivor.id());
        assertThat(customers.customerOfConversation(homeConversation)).hasValueSatisfying(c -> {
            assertThat(c.contact().id()).isEqualTo(survivor.id());
            assertThat(c.company()).isNotNull().extracting(CompanyView::id).isEqualTo(survivor.companyId());
        });
        assertThat(customers.conversationsOf(survivor.ref(), 10)).extracting(CustomerConversation::conversationId)
                .containsExactlyInAnyOrder(conversations.conversationOf(work).orElseThrow(), homeConversation);
        assertThat(customers.searchContacts("fiona", 10)).extracting(h -> h.ref().id()).doesNotContain(merged.id());
        assertThat(jdbc.sql("select merged_into from contacts where id = :id").param("id", merged.id()).query(Long.class).single())
                .isEqualTo(survivor.id());
        var entry = jdbc.sql("select actor_name, before_json, after_json from activity_entries where action = 'contact.merged' and subject_id = :id")
                .param("id", Long.toString(survivor.id())).query().singleRow();
        assertThat(entry.get("actor_name")).isEqualTo("rep");
        assertThat(entry.get("before_json").toString()).contains("\"merged\"", "fiona.hale." + run + "@gmail.com");
        assertThat(entry.get("after_json").toString()).contains("fiona.hale." + run + "@gmail.com", "\"mergedInto\"");
        assertThat(events.stream(CustomersMerged.class)).anyMatch(e -> e.kind() == CustomerRef.Kind.CONTACT
                && e.survivorId() == survivor.id() && e.mergedId() == merged.id());
        assertThatThrownBy(() -> customers.mergeContacts(REP, survivor.id(), survivor.id())).isInstanceOf(CustomerRuleException.class);
    }

    @Test
    void mergingCompaniesMovesDomainsContactsAndConversations() {
        var a = ingest("Gus Holm <gus." + run + "@contoso-" + run + ".example>", SALES, "A", "Hello");
        var b = ingest("Hanna Holm <hanna." + run + "@contoso-" + run + ".co.uk>", SALES, "B", "Hello");
        var gus = awaitContact("gus." + run + "@contoso-" + run + ".example");
        var hanna = awaitContact("hanna." + run + "@contoso-" + run + ".co.uk");
        awaitLink(conversations.conversationOf(b).orElseThrow());

        var survivor = customers.mergeCompanies(REP, hanna.companyId(), gus.companyId());

        assertThat(survivor.id()).isEqualTo(gus.companyId());
        assertThat(survivor.domains()).containsExactly("contoso-" + run + ".co.uk", "contoso-" + run + ".example");
        assertThat(customers.contact(hanna.id()).orElseThrow().companyId()).isEqualTo(survivor.id());
        assertThat(customers.company(hanna.companyId())).map(CompanyView::id).hasValue(survivor.id());
        assertThat(customers.companyByDomain("contoso-" + run + ".co.uk")).map(CompanyView::id).hasValue(survivor.id());
        assertThat(customers.customerOfConversation(conversations.conversationOf(b).orElseThrow()))
                .hasValueSatisfying(c -> assertThat(c.company()).isNotNull().extracting(CompanyView::id).isEqualTo(survivor.id()));
        assertThat(customers.conversationsOf(survivor.ref(), 10)).hasSize(2);
        // what lists and cards show for an id: the survivor's name for the merged one, unknown ids left out
        assertThat(customers.companyNames(List.of(hanna.companyId(), gus.companyId(), Long.MAX_VALUE)))
                .containsOnly(entry(hanna.companyId(), survivor.name()), entry(gus.companyId(), survivor.name()));
        assertThat(trail("company", survivor.id())).contains("company.merged by rep");
        assertThat(events.stream(CustomersMerged.class)).anyMatch(e -> e.kind() == CustomerRef.Kind.COMPANY
                && e.survivorId() == survivor.id() && e.mergedId() == hanna.companyId());
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void movingAContactToAnotherCompanyTakesItsConversationsAlong() {
        var messageId = ingest("Kim Lee <kim." + run + "@freelance-" + run + ".example>", SALES, "Shelves", "Hello");
        var kim = awaitContact("kim." + run + "@freelance-" + run + ".example");
        var conversationId = conversations.conversationOf(messageId).orElseThrow();
        awaitLink(conversationId);
        var agency = customers.createCompany(REP, new CompanyCommand("Agency " + run, List.of(), "", Relationship.PARTNER, ""));

        customers.updateContact(REP, kim.id(), kim.version(), new ContactCommand(kim.name(), kim.emails(), "", agency.id(),
                kim.relationship(), ""));

        assertThat(customers.conversationsOf(agency.ref(), 10)).extracting(CustomerConversation::conversationId).containsExactly(conversationId);
        assertThat(customers.conversationsOf(CustomerRef.company(kim.companyId()), 10)).isEmpty();
        assertThat(customers.customerOfConversation(conversationId)).hasValueSatisfying(c ->
                assertThat(c.company()).isNotNull().extracting(CompanyView::id).isEqualTo(agency.id()));
        assertThat(customers.relationshipOf("kim." + run + "@freelance-" + run + ".example")).hasValue(Relationship.PARTNER);
    }

    @Test
    void customerLinksFollowConversationMergesAndSplits() {
        var first = ingest("Lea Roth <lea." + run + "@roth-" + run + ".example>", SALES, "Bench", "Hello");
        var second = ingest("Max Roth <max." + run + "@roth-" + run + ".example>", SALES, "Other bench", "Hello");
        var lea = awaitContact("lea." + run + "@roth-" + run + ".example");
        var max = awaitContact("max." + run + "@roth-" + run + ".example");
        var target = conversations.conversationOf(first).orElseThrow();
        var other = conversations.conversationOf(second).orElseThrow();
        awaitLink(other);

        conversations.merge(REP, target, other);
        await().atMost(Duration.ofSeconds(15)).until(() -> customers.customerOfConversation(other).isEmpty());
        var afterMerge = customers.conversationsOf(max.ref(), 10);
        var split = conversations.split(REP, second);
        await().atMost(Duration.ofSeconds(15)).until(() -> customers.customerOfConversation(split).isPresent());

        assertThat(afterMerge).extracting(CustomerConversation::conversationId).containsExactly(target);
        assertThat(customers.customerOfConversation(target)).hasValueSatisfying(c -> assertThat(c.contact().id()).isEqualTo(lea.id()));
        assertThat(customers.customerOfConversation(split)).hasValueSatisfying(c -> assertThat(c.contact().id()).isEqualTo(max.id()));
        assertThat(customers.conversationsOf(CustomerRef.company(lea.companyId()), 10)).extracting(CustomerConversation::conversationId)
                .contains(target, split).doesNotContain(other);
    }

    @Test
    void anExistingCustomerCompanyIsKnownToTriageForANewColleague() {
        var company = customers.createCompany(REP, new CompanyCommand("Grand Esplanade " + run,
                List.of("esplanade-" + run + ".example"), "", Relationship.CUSTOMER, ""));
        var text = "We have a new hotel in Leeds coming up.";

        var known = ingest("Claire <claire@esplanade-" + run + ".example>", SALES, "Leeds", text);
        var unknown = ingest("Claire <claire@strangers-" + run + ".example>", SALES, "Leeds", text);

        var knownTriage = await().atMost(Duration.ofSeconds(10)).until(() -> triage.triage(known).orElse(null), v -> v != null);
        var unknownTriage = await().atMost(Duration.ofSeconds(10)).until(() -> triage.triage(unknown).orElse(null), v -> v != null);
        assertThat(customers.relationshipOf("claire@esplanade-" + run + ".example")).hasValue(Relationship.CUSTOMER);
        assertThat(customers.relationshipOf("nobody@nowhere-" + run + ".example")).isEmpty();
        assertThat(knownTriage.category()).isEqualTo(Category.BUYING_SIGNAL);
        assertThat(knownTriage.confidence()).isGreaterThan(
                unknownTriage.category() == Category.BUYING_SIGNAL ? unknownTriage.confidence() : 0);
        var claire = awaitContact("claire@esplanade-" + run + ".example");
        assertThat(claire.companyId()).isEqualTo(company.id());
        assertThat(claire.relationship()).as("a new contact takes its company's relationship").isEqualTo(Relationship.CUSTOMER);
    }

    @Test
    void aStaleUpdateIsRefusedWithWhatChanged() {
        var company = customers.createCompany(REP, new CompanyCommand("Lockwood " + run, List.of("lockwood-" + run + ".example"),
                "", Relationship.PROSPECT, ""));
        customers.updateCompany(Actor.user(8, "priya"), company.id(), company.version(), new CompanyCommand("Lockwood " + run,
                List.of("lockwood-" + run + ".example"), "1 Dock Road", Relationship.CUSTOMER, ""));

        assertThatThrownBy(() -> customers.updateCompany(REP, company.id(), company.version(), new CompanyCommand("Lockwood Ltd " + run,
                List.of("lockwood-" + run + ".example"), "", Relationship.PROSPECT, "")))
                .isInstanceOfSatisfying(CustomerChangedException.class, e -> {
                    assertThat(e.currentVersion()).isEqualTo(company.version() + 1);
                    assertThat(e.changed()).containsEntry("address", "1 Dock Road").containsEntry("relationship", "customer");
                    assertThat(e.changedBy()).singleElement().asString().startsWith("priya at ");
                    assertThat(e.getMessage()).contains("priya");
                });
        assertThat(customers.company(company.id()).orElseThrow().name()).isEqualTo("Lockwood " + run);
        var entry = jdbc.sql("select before_json, after_json from activity_entries where action = 'company.updated' and subject_id = :id")
                .param("id", Long.toString(company.id())).query().singleRow();
        assertThat(entry.get("before_json").toString()).contains("\"relationship\":\"prospect\"").doesNotContain("name");
        assertThat(entry.get("after_json").toString()).contains("\"relationship\":\"customer\"", "1 Dock Road");
    }

    @Test
    void freeMailAndTakenDomainsAreRefusedForACompany() {
        customers.createCompany(REP, new CompanyCommand("Taken " + run, List.of("taken-" + run + ".example"), "", Relationship.OTHER, ""));

        assertThatThrownBy(() -> customers.createCompany(REP, new CompanyCommand("Mail", List.of("gmx.de"), "", Relationship.OTHER, "")))
                .isInstanceOfSatisfying(CustomerRuleException.class, e -> assertThat(e.errors().get("domains")).contains("free-mail"));
        assertThatThrownBy(() -> customers.createCompany(REP, new CompanyCommand("Copy", List.of("taken-" + run + ".example"), "",
                Relationship.OTHER, "")))
                .isInstanceOfSatisfying(CustomerRuleException.class, e -> assertThat(e.errors().get("domains")).contains("Taken " + run));
        assertThatThrownBy(() -> customers.createCompany(REP, new CompanyCommand(" ", List.of("not a domain"), "", Relationship.OTHER, "")))
                .isInstanceOfSatisfying(CustomerRuleException.class, e -> assertThat(e.errors()).containsKeys("name", "domains"));
    }

    // --- helpers ----------------------------------------------------------------------------

    private long ingest(String from, String to, String subject, String body) {
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"),
                raw(from, to, subject, body, "<" + UUID.randomUUID() + "@test.example>").getBytes(StandardCharsets.UTF_8));
        assertThat(result.messageId()).isNotNull();
        return result.messageId();
    }

    private static String raw(String from, String to, String subject, String body, String messageId) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\n"
                + "Message-ID: " + messageId + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    }

    private ContactView awaitContact(String address) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> customers.contactByEmail(address).orElse(null), c -> c != null);
    }

    private void awaitLink(long conversationId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> customers.customerOfConversation(conversationId).isPresent());
    }

    /** Until every listener has finished with every event published so far. */
    private void awaitListeners() {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql(
                "select count(*) from event_publication where completion_date is null").query(Long.class).single() == 0);
    }

    private long companiesNamed(String name) {
        return jdbc.sql("select count(*) from companies where lower(name) = lower(:name)").param("name", name).query(Long.class).single();
    }

    private List<String> trail(String type, long id) {
        return jdbc.sql("select action, actor_name from activity_entries where subject_type = :type and subject_id = :id order by id")
                .param("type", type).param("id", Long.toString(id))
                .query((rs, n) -> rs.getString("action") + " by " + rs.getString("actor_name")).list();
    }
}
