package org.opportune.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import org.opportune.compose.ReplyTemplateCommand;
import org.opportune.compose.ReplyTemplateService;
import org.opportune.compose.SignatureService;
import org.opportune.conversation.ConversationService;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailSecurity;
import org.opportune.mail.MailboxCommand;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;
import org.opportune.testing.Chromium;
import org.opportune.testing.GreenMailServer;
import org.opportune.testing.IntegrationTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reply form's scripts in a real browser, at phone width: switching the From mailbox swaps the
 * signature, and a template is filled in from the conversation and put above it without a reload.
 */
@IntegrationTest
@TestPropertySource(properties = "opportune.test.context=compose-browser")
class ComposeBrowserIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static GreenMailServer server;
    private static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailIngestion ingestion;

    @Autowired
    ConversationService conversations;

    @Autowired
    IdentityService identity;

    @Autowired
    SignatureService signatures;

    @Autowired
    org.opportune.customer.CustomerService customers;

    @Autowired
    ReplyTemplateService templates;

    @BeforeAll
    static void start() {
        server = new GreenMailServer();
        chromium = new Chromium();
    }

    @AfterAll
    static void stop() {
        chromium.close();
        server.close();
    }

    @Test
    void switchingTheMailboxSwapsTheSignatureAndATemplateGoesAboveIt() {
        var run = UUID.randomUUID().toString().substring(0, 6);
        var sales = mailbox("Sales", "sales-" + run + "@compose.example");
        var support = mailbox("Support", "support-" + run + "@compose.example");
        var user = identity.createUserWithPassword(Actor.system(), "anna-" + run, "Anna Berg", null, Role.REP, PASSWORD, "test");
        signatures.setPersonal(Actor.system(), user.id(), 0, "Anna Berg\nSales team");
        signatures.setPersonal(Actor.system(), user.id(), support, "Anna Berg\nSupport desk");
        var template = templates.create(Actor.system(), new ReplyTemplateCommand("Thanks " + run, null,
                "thanks for writing to {{mailbox.name}}, {{contact.first_name}}."));
        var conversationId = deliver(sales, run);

        try (var context = chromium.newContext(port, 390, 844)) {
            var page = context.newPage();
            page.navigate("/login");
            page.getByLabel("Username").fill("anna-" + run);
            page.getByLabel("Password").fill(PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            page.waitForURL(url -> !url.contains("/login"));
            page.navigate("/conversations/" + conversationId);
            var text = page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));

            assertThat(text).hasValue("\n\n-- \nAnna Berg\nSales team");
            text.fill("Hello Lena,\n\n-- \nAnna Berg\nSales team");
            page.getByLabel("From", new Page.GetByLabelOptions().setExact(true)).selectOption(Long.toString(support));
            assertThat(text).hasValue("Hello Lena,\n\n-- \nAnna Berg\nSupport desk");

            page.getByLabel("Template", new Page.GetByLabelOptions().setExact(true)).selectOption(Long.toString(template.id()));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Insert")).click();

            var filled = page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
            assertThat(filled).hasValue("Hello Lena,\n\nthanks for writing to Support, Lena.\n\n-- \nAnna Berg\nSupport desk");
            assertThat(page.locator("#template-status")).containsText("Inserted the template Thanks " + run);
            assertThat(page.url()).endsWith("/conversations/" + conversationId);
            assertThat((Boolean) page.evaluate("() => { const r = document.getElementById('reply');"
                    + " return r.scrollWidth <= r.clientWidth && r.getBoundingClientRect().right <= window.innerWidth; }"))
                    .as("the reply form fits a phone's width").isTrue();
        }
    }

    private long mailbox(String name, String address) {
        return mailboxes.create(Actor.system(), new MailboxCommand(name, address, "127.0.0.1", server.imapPort(),
                MailSecurity.NONE, "nobody", "secret", List.of("INBOX"), "127.0.0.1", server.smtpPort(), MailSecurity.NONE,
                null, null, 60, false)).id();
    }

    private long deliver(long mailboxId, String run) {
        var raw = ("From: Lena Vogt <lena@northwind.example>\r\nTo: sales@compose.example\r\nSubject: Desks " + run
                + "\r\nMessage-ID: <" + run + "@northwind.example>\r\nDate: Mon, 4 May 2026 09:00:00 +0000\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello, a quote please?\r\n").getBytes(StandardCharsets.UTF_8);
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw);
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(result.messageId()).isPresent());
        var id = conversations.conversationOf(result.messageId()).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> customers.customerOfConversation(id).isPresent());
        return id;
    }
}
