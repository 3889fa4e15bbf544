package org.opportune.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.conversation.ConversationService;
import org.opportune.customer.ConversationCustomer;
import org.opportune.customer.CustomerService;
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

/** The customer box of the conversation page, edited in place without leaving the conversation. */
@IntegrationTest
class CustomerPanelIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailIngestion ingestion;

    @Autowired
    ConversationService conversations;

    @Autowired
    CustomerService customers;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    private long mailboxId;
    private String run;

    @BeforeEach
    void mailbox() {
        mailboxId = mailboxes.ensureMailbox("sales@panel-test.example").id();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aRepCorrectsTheContactsNameAndPhoneInPlaceAndTheTrailRecordsIt() {
        var conversationId = deliver("jo.fischer." + run + "@fischer-bau-" + run + ".example", "jo.fischer");
        var customer = customerOf(conversationId);
        var rep = signedIn(Role.REP);

        var form = rep.getHtmx("/conversations/" + conversationId + "/customer/edit?part=contact");
        var saved = rep.postHtmx("/conversations/" + conversationId + "/customer/contact", Map.of(
                "version", Integer.toString(customer.contact().version()), "name", "Johanna Fischer",
                "phone", "+49 30 1234567", "relationship", "customer"));

        assertThat(form.body()).contains("id=\"contact-form\"", "Contact name", "Save contact").doesNotContain("<html");
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Johanna Fischer", "+49 30 1234567", ">customer<").doesNotContain("contact-form");
        assertThat(rep.get("/conversations/" + conversationId).body()).contains("Johanna Fischer", "+49 30 1234567");
        assertThat(customers.contact(customer.contact().id()).orElseThrow().name()).isEqualTo("Johanna Fischer");
        assertThat(jdbc.sql("select actor_name from activity_entries where action = 'contact.updated' and subject_id = :id")
                .param("id", Long.toString(customer.contact().id())).query(String.class).list())
                .singleElement().asString().startsWith("rep-");
    }

    @Test
    void theCompanyIsRenamedInPlace() {
        var conversationId = deliver("kim." + run + "@holzwerk-" + run + ".example", "kim");
        var customer = customerOf(conversationId);
        assertThat(customer.company()).isNotNull();
        var rep = signedIn(Role.REP);

        var saved = rep.postHtmx("/conversations/" + conversationId + "/customer/company", Map.of(
                "version", Integer.toString(customer.company().version()), "name", "Holzwerk Berlin GmbH " + run,
                "relationship", "prospect"));

        assertThat(saved.body()).contains("Holzwerk Berlin GmbH " + run).doesNotContain("company-form");
        assertThat(customers.company(customer.company().id()).orElseThrow().name()).isEqualTo("Holzwerk Berlin GmbH " + run);
    }

    @Test
    void aStaleFormIsRefusedWithWhatChangedAndKeepsWhatWasTyped() {
        var conversationId = deliver("ole." + run + "@nordlicht-" + run + ".example", "ole");
        var customer = customerOf(conversationId);
        var rep = signedIn(Role.REP);
        var colleague = signedIn(Role.REP);
        var staleVersion = Integer.toString(customer.contact().version());
        colleague.postHtmx("/conversations/" + conversationId + "/customer/contact",
                Map.of("version", staleVersion, "name", "Ole Hansen", "phone", "", "relationship", "prospect"));

        var refused = rep.postHtmx("/conversations/" + conversationId + "/customer/contact",
                Map.of("version", staleVersion, "name", "Ole Petersen", "phone", "040 555", "relationship", "prospect"));

        assertThat(refused.body()).contains("customer-conflict", "was changed", "since you opened it", "contact-form",
                "value=\"Ole Petersen\"", "value=\"040 555\"");
        assertThat(customers.contact(customer.contact().id()).orElseThrow().name()).isEqualTo("Ole Hansen");
    }

    @Test
    void aBlankNameIsRefusedWithAClearErrorAndNothingChanges() {
        var conversationId = deliver("ines." + run + "@sonnenhof-" + run + ".example", "ines");
        var customer = customerOf(conversationId);
        var rep = signedIn(Role.REP);

        var refused = rep.postHtmx("/conversations/" + conversationId + "/customer/contact", Map.of(
                "version", Integer.toString(customer.contact().version()), "name", "  ", "phone", "", "relationship", "prospect"));

        assertThat(refused.body()).contains("Enter a name for the contact.", "contact-form");
        assertThat(customers.contact(customer.contact().id()).orElseThrow().name()).isEqualTo(customer.contact().name());
    }

    @Test
    void aViewerSeesTheCustomerButCannotEditIt() {
        var conversationId = deliver("uwe." + run + "@ostwind-" + run + ".example", "uwe");
        var customer = customerOf(conversationId);
        var viewer = signedIn(Role.VIEWER);

        var page = viewer.get("/conversations/" + conversationId).body();
        var attempt = viewer.postHtmx("/conversations/" + conversationId + "/customer/contact", Map.of(
                "version", Integer.toString(customer.contact().version()), "name", "Hacked", "phone", "", "relationship", "prospect"));

        assertThat(page).contains(customer.contact().name()).doesNotContain("edit-contact");
        assertThat(attempt.statusCode()).isEqualTo(403);
        assertThat(customers.contact(customer.contact().id()).orElseThrow().name()).isNotEqualTo("Hacked");
    }

    private ConversationCustomer customerOf(long conversationId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> customers.customerOfConversation(conversationId), Optional::isPresent).orElseThrow();
    }

    private long deliver(String from, String key) {
        var raw = """
                From: %s
                To: sales@panel-test.example
                Subject: Angebot %s
                Message-ID: <%s-%s@panel-test.example>
                Date: Mon, 4 May 2026 09:00:00 +0000
                Content-Type: text/plain; charset=utf-8

                Guten Tag, bitte schicken Sie uns ein Angebot.
                """.formatted(from, run, key, run).replace("\n", "\r\n");
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw.getBytes(StandardCharsets.UTF_8));
        assertThat(result.messageId()).as(result.toString()).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(result.messageId()).isPresent());
        return conversations.conversationOf(result.messageId()).orElseThrow();
    }

    private Browser signedIn(Role role) {
        var username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createUserWithPassword(Actor.system(), username, "Test " + role.label(), null, role, PASSWORD, "test");
        var browser = new Browser(port);
        browser.signIn(username, PASSWORD);
        browser.get("/inbox");
        return browser;
    }
}
