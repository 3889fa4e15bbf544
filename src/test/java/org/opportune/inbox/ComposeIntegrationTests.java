package org.opportune.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import org.opportune.compose.ReplyTemplateService;
import org.opportune.conversation.ConversationService;
import org.opportune.customer.CompanyCommand;
import org.opportune.customer.CustomerService;
import org.opportune.customer.Relationship;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailSecurity;
import org.opportune.mail.MailboxCommand;
import org.opportune.mail.MailboxService;
import org.opportune.opportunity.NewOpportunity;
import org.opportune.opportunity.OpportunityService;
import org.opportune.shared.Actor;
import org.opportune.testing.Browser;
import org.opportune.testing.Browser.Upload;
import org.opportune.testing.GreenMailServer;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Writing a reply: signatures per person and mailbox, templates filled in from the conversation, attachments. */
@IntegrationTest
@TestPropertySource(properties = {
        "opportune.test.context=compose",
        "opportune.mail.outbox.poll-interval=200ms",
        "opportune.mail.outbox.max-attachment-size=64KB",
        "spring.servlet.multipart.max-file-size=512KB",
        "spring.servlet.multipart.max-request-size=512KB"})
class ComposeIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static GreenMailServer server;

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
    OpportunityService opportunities;

    @Autowired
    ReplyTemplateService templates;

    @Autowired
    IdentityService identity;

    @Autowired
    org.opportune.compose.SignatureService signatures;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void smtp() {
        server = new GreenMailServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theReplyFormCarriesTheSignatureOfItsMailboxAndTheMailboxFooter() {
        var run = run();
        var sales = mailbox("Sales", "sales-" + run + "@compose.example");
        var support = mailbox("Support", "support-" + run + "@compose.example");
        var conversationId = deliver(sales, customerMail(run, "lena@northwind.example", "Desks " + run, null));
        var rep = signedIn(Role.REP, "Anna Berg");
        var admin = signedIn(Role.ADMIN, "Ada Admin");

        assertThat(rep.getHtmx("/account/signatures").body()).contains("Your signature (every mailbox)",
                "For Support &lt;support-" + run + "@compose.example&gt;");
        rep.get("/account");
        assertThat(rep.post("/account/signatures", Map.of("mailboxId", "0", "text", "Anna Berg\r\nSales team\r\n"))
                .statusCode()).isEqualTo(302);
        rep.post("/account/signatures", Map.of("mailboxId", Long.toString(support), "text", "-- \r\nAnna Berg\r\nSupport desk"));
        admin.get("/admin/replies");
        admin.post("/admin/replies/footers", Map.of("mailboxId", Long.toString(sales), "text", "Example Ltd, Berlin"));
        var page = rep.get("/conversations/" + conversationId).body();

        assertThat(textarea(page, "text")).isEqualTo("\n\n-- \nAnna Berg\nSales team\n\nExample Ltd, Berlin");
        assertThat(page).containsPattern("value=\"" + support + "\"[^>]*data-signature=\"-- \nAnna Berg\nSupport desk\"");
        assertThat(jdbc.sql("select action from activity_entries where subject_type = 'signature' and actor_name like :who")
                .param("who", "anna-%").query(String.class).list()).containsExactly("signature.set", "signature.set");
        assertThat(jdbc.sql("select count(*) from activity_entries where subject_id = :id and action = 'signature.set'")
                .param("id", "mailbox " + sales).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aSignatureThatIsTooLongIsRefusedWithTheTextKeptAndRemovingOneFallsBackToTheDefault() {
        var run = run();
        var support = mailbox("Support", "support-" + run + "@compose.example");
        var rep = signedIn(Role.REP, "Gus Hale");
        assertThat(rep.get("/account/signatures").body()).contains("<h1 id=\"signatures-title\">Your signatures</h1>");
        rep.post("/account/signatures", Map.of("mailboxId", "0", "text", "Gus Hale"));
        rep.post("/account/signatures", Map.of("mailboxId", Long.toString(support), "text", "Gus, support"));

        var refused = rep.post("/account/signatures", Map.of("mailboxId", Long.toString(support), "text", "x".repeat(2001)));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("A signature can be at most 2000 characters long; this one has 2001.",
                "x".repeat(2001));
        rep.get("/account/signatures");
        rep.post("/account/signatures", Map.of("mailboxId", Long.toString(support), "text", ""));
        var user = identity.users().stream().filter(u -> u.displayName().equals("Gus Hale")).findFirst().orElseThrow();
        assertThat(signatures.blocks(user.id(), List.of(support))).containsEntry(support, "-- \nGus Hale");
        assertThat(jdbc.sql("select action from activity_entries where subject_type = 'signature' and subject_id = :id order by id")
                .param("id", "user " + user.id() + " mailbox " + support).query(String.class).list())
                .containsExactly("signature.set", "signature.removed");
    }

    @Test
    void anAdminEditsATemplateOnItsOwnPage() {
        var run = run();
        var admin = signedIn(Role.ADMIN, "Ada Admin");
        var template = templates.create(Actor.system(), new org.opportune.compose.ReplyTemplateCommand("Edit me " + run,
                "About {{opportunity.title}}", "Hi {{contact.first_name}}"));

        var form = admin.get("/admin/replies/templates/" + template.id());
        assertThat(form.body()).contains("value=\"About {{opportunity.title}}\"", "{{owner.first_name}}");
        var saved = admin.post("/admin/replies/templates/" + template.id(), Map.of("name", "Edited " + run,
                "subject", "", "body", "Hi {{contact.first_name}}"));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(templates.template(template.id()).name()).isEqualTo("Edited " + run);
        assertThat(templates.template(template.id()).subject()).isNull();
        assertThat(admin.get("/admin/replies").body()).contains("Edited " + run, "(keeps the reply's subject)");
        assertThat(admin.get("/admin/replies/templates/999999").statusCode()).isEqualTo(404);
    }

    @Test
    void aTemplateIsFilledInFromTheConversationsCustomerAndOpportunity() {
        var run = run();
        var sales = mailbox("Sales", "sales-" + run + "@compose.example");
        var domain = "northwind-" + run + ".example";
        customers.createCompany(Actor.system(), new CompanyCommand("Northwind Trading", List.of(domain), "",
                Relationship.PROSPECT, ""));
        var conversationId = deliver(sales, customerMail(run, "lena@" + domain, "Desks " + run, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> customers.customerOfConversation(conversationId).isPresent());
        opportunities.create(Actor.system(), new NewOpportunity("40 standing desks", null, null, null, null, null, "mailbox",
                null, null, true, null, "Send the quote", LocalDate.now().plusDays(2), null, null, conversationId));
        var admin = signedIn(Role.ADMIN, "Ada Admin");
        admin.get("/admin/replies/templates/new");
        var saved = admin.post("/admin/replies/templates", Map.of("name", "Quote follow-up " + run, "subject", "",
                "body", "Hello {{contact.first_name}},\n\nour quote for {{opportunity.title}} at {{company.name}} is attached.\n\n"
                        + "{{me.first_name}} from {{mailbox.name}}"));
        assertThat(saved.statusCode()).isEqualTo(302);
        var templateId = templateId("Quote follow-up " + run);
        var rep = signedIn(Role.REP, "Marco Rossi");
        rep.get("/account");
        rep.post("/account/signatures", Map.of("mailboxId", "0", "text", "Marco Rossi"));
        var form = rep.get("/conversations/" + conversationId).body();
        assertThat(form).contains("<option value=\"" + templateId + "\">Quote follow-up " + run + "</option>");
        var fields = Map.of("templateId", Long.toString(templateId), "mailboxId", Long.toString(sales),
                "to", "lena@" + domain, "subject", "Re: Desks " + run, "text", textarea(form, "text"),
                "seenLastMessageId", value(form, "seenLastMessageId"));

        var fragment = rep.postHtmx("/conversations/" + conversationId + "/reply/template", fields);

        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).doesNotContain("<html");
        assertThat(textarea(fragment.body(), "text")).isEqualTo("Hello Lena,\n\nour quote for 40 standing desks at "
                + "Northwind Trading is attached.\n\nMarco from Sales\n\n-- \nMarco Rossi");
        assertThat(fragment.body()).contains("Inserted the template Quote follow-up " + run);
        var withoutJavaScript = rep.post("/conversations/" + conversationId + "/reply/template", fields);
        assertThat(withoutJavaScript.statusCode()).isEqualTo(200);
        assertThat(textarea(withoutJavaScript.body(), "text")).startsWith("Hello Lena,");
        assertThat(value(withoutJavaScript.body(), "to")).isEqualTo("lena@" + domain);
        assertThat(jdbc.sql("select count(*) from activity_entries where action = 'reply-template.created' and subject_id = :id")
                .param("id", Long.toString(templateId)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aTemplateWithAnUnknownVariableIsRefusedWithTheReasonAndTheTextKept() {
        var run = run();
        var admin = signedIn(Role.ADMIN, "Ada Admin");
        admin.get("/admin/replies/templates/new");

        var refused = admin.post("/admin/replies/templates", Map.of("name", "Typo " + run, "subject", "",
                "body", "Hello {{contact.frist_name}}, thanks!"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("The template was not saved", "Unknown variable {{contact.frist_name}}",
                "Hello {{contact.frist_name}}, thanks!");
        assertThat(templates.templates()).noneMatch(t -> t.name().equals("Typo " + run));

        var api = admin.json("POST", "/api/v1/reply-templates",
                "{\"name\":\"Typo " + run + "\",\"body\":\"Dear {{customer.name}}\"}");

        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.body()).contains("\"body\":\"Unknown variable {{customer.name}}");
    }

    @Test
    void templatesAreManagedThroughTheApiByAdminsOnlyAndEveryChangeIsInTheTrail() {
        var run = run();
        var admin = signedIn(Role.ADMIN, "Ada Admin");
        var rep = signedIn(Role.REP, "Ben Okafor");
        admin.get("/admin/replies");
        rep.get("/inbox");

        var created = admin.json("POST", "/api/v1/reply-templates",
                "{\"name\":\"Thanks " + run + "\",\"subject\":\"Thanks, {{contact.first_name}}\",\"body\":\"Thank you, {{contact.name}}.\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        var id = templateId("Thanks " + run);
        assertThat(rep.json("GET", "/api/v1/reply-templates/" + id, null).body()).contains("Thank you, {{contact.name}}.");
        assertThat(rep.json("PUT", "/api/v1/reply-templates/" + id, "{\"name\":\"Mine\",\"body\":\"x\"}").statusCode())
                .isEqualTo(403);
        assertThat(admin.json("PUT", "/api/v1/reply-templates/" + id,
                "{\"name\":\"Thanks " + run + "\",\"body\":\"Thank you very much, {{contact.name}}.\"}").statusCode()).isEqualTo(200);
        assertThat(admin.json("DELETE", "/api/v1/reply-templates/" + id, null).statusCode()).isEqualTo(204);
        assertThat(admin.json("GET", "/api/v1/reply-templates/" + id, null).statusCode()).isEqualTo(404);

        assertThat(jdbc.sql("select action from activity_entries where subject_type = 'reply-template' and subject_id = :id order by id")
                .param("id", Long.toString(id)).query(String.class).list())
                .containsExactly("reply-template.created", "reply-template.changed", "reply-template.deleted");
        assertThat(rep.get("/admin/replies").statusCode()).isEqualTo(403);
    }

    @Test
    void anAttachmentArrivesWithItsCleanNameAndTypeAndShowsInTheThread() throws Exception {
        var run = run();
        var sales = mailbox("Sales", "sales-" + run + "@compose.example");
        var conversationId = deliver(sales, customerMail(run, "lena@northwind.example", "Quote please " + run, null));
        var rep = signedIn(Role.REP, "Cleo Marsh");
        var form = rep.get("/conversations/" + conversationId).body();
        var pdf = "%PDF-1.4 the quote".getBytes(StandardCharsets.US_ASCII);

        var sent = rep.postMultipart("/conversations/" + conversationId + "/reply", fields(sales, form, "Quote please " + run),
                List.of(new Upload("../../Quote: 2026?.pdf", "application/pdf", pdf)));

        assertThat(sent.statusCode()).isEqualTo(302);
        var received = awaitReceived("Quote please " + run);
        var part = ((MimeMultipart) received.getContent()).getBodyPart(1);
        assertThat(part.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(part.getFileName()).isEqualTo("Quote_ 2026_.pdf");
        assertThat(part.getContentType()).startsWith("application/pdf");
        assertThat(part.getInputStream().readAllBytes()).isEqualTo(pdf);
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(rep.get("/conversations/" + conversationId).body()).contains("Quote_ 2026_.pdf");
    }

    @Test
    void attachmentsOverTheLimitAreRefusedAndTheTextIsKept() {
        var run = run();
        var sales = mailbox("Sales", "sales-" + run + "@compose.example");
        var conversationId = deliver(sales, customerMail(run, "lena@northwind.example", "Brochure " + run, null));
        var rep = signedIn(Role.REP, "Dan Ito");
        var form = rep.get("/conversations/" + conversationId).body();

        var refused = rep.postMultipart("/conversations/" + conversationId + "/reply", fields(sales, form, "Brochure " + run),
                List.of(new Upload("brochure.pdf", "application/pdf", new byte[100 * 1024])));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("The attachments add up to 0.1 MB; a reply may carry at most 0.1 MB",
                "attach brochure.pdf again", "Here is what you asked for.");
        assertThat(conversations.messageIds(conversationId)).hasSize(1);
    }

    @Test
    void anUploadOverTheServersLimitGetsAPageThatSaysSo() {
        var run = run();
        var sales = mailbox("Sales", "sales-" + run + "@compose.example");
        var conversationId = deliver(sales, customerMail(run, "lena@northwind.example", "Catalogue " + run, null));
        var rep = signedIn(Role.REP, "Fay Moss");
        var form = rep.get("/conversations/" + conversationId).body();

        var refused = rep.postMultipart("/conversations/" + conversationId + "/reply", fields(sales, form, "Catalogue " + run),
                List.of(new Upload("catalogue.pdf", "application/pdf", new byte[600 * 1024])));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("The files are too large");
        assertThat(conversations.messageIds(conversationId)).hasSize(1);
    }

    @Test
    void aHeldSendKeepsTheTextAndSaysWhichFilesToAttachAgain() {
        var run = run();
        var sales = mailbox("Sales", "sales-" + run + "@compose.example");
        var conversationId = deliver(sales, customerMail(run, "lena@northwind.example", "Samples " + run, null));
        var rep = signedIn(Role.REP, "Eva Lind");
        var form = rep.get("/conversations/" + conversationId).body();
        deliver(sales, customerMail(run + "b", "lena@northwind.example", "Re: Samples " + run, run));

        var held = rep.postMultipart("/conversations/" + conversationId + "/reply", fields(sales, form, "Samples " + run),
                List.of(new Upload("samples.pdf", "application/pdf", new byte[] {1, 2, 3})));

        assertThat(held.statusCode()).isEqualTo(200);
        assertThat(held.body()).contains("New activity since you started", "Here is what you asked for.",
                "Your text is kept, but files are not: attach samples.pdf again before sending.", "Send anyway");
    }

    private Map<String, String> fields(long mailbox, String form, String subject) {
        var fields = new HashMap<String, String>();
        fields.put("mailboxId", Long.toString(mailbox));
        fields.put("to", "lena@northwind.example");
        fields.put("cc", "");
        fields.put("subject", "Re: " + subject);
        fields.put("text", "Here is what you asked for.");
        fields.put("seenLastMessageId", value(form, "seenLastMessageId"));
        return fields;
    }

    private long templateId(String name) {
        return templates.templates().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().id();
    }

    private MimeMessage awaitReceived(String subjectPart) {
        await().atMost(Duration.ofSeconds(20)).until(() -> find(subjectPart) != null);
        return find(subjectPart);
    }

    private static MimeMessage find(String subjectPart) {
        return Arrays.stream(server.received()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(subjectPart)
                        && m.getRecipients(Message.RecipientType.TO) != null;
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElse(null);
    }

    private long mailbox(String name, String address) {
        return mailboxes.create(Actor.system(), new MailboxCommand(name, address, "127.0.0.1", server.imapPort(),
                MailSecurity.NONE, "nobody", "secret", List.of("INBOX"), "127.0.0.1", server.smtpPort(), MailSecurity.NONE,
                null, null, 60, false)).id();
    }

    private long deliver(long mailboxId, String raw) {
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw.getBytes(StandardCharsets.UTF_8));
        assertThat(result.messageId()).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(result.messageId()).isPresent());
        return conversations.conversationOf(result.messageId()).orElseThrow();
    }

    private static String customerMail(String key, String from, String subject, String inReplyTo) {
        return ("""
                From: Lena Vogt <%s>
                To: sales@compose.example
                Subject: %s
                Message-ID: <%s@northwind.example>
                %sDate: Mon, 4 May 2026 09:%02d:00 +0000
                Content-Type: text/plain; charset=utf-8

                Hello, can you send us a quote?
                """).formatted(from, subject, key,
                inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + "@northwind.example>\n",
                inReplyTo == null ? 0 : 30).replace("\n", "\r\n");
    }

    /** A textarea's text as the browser reads it: HTML drops one newline right after the opening tag. */
    private static String textarea(String html, String name) {
        var raw = html.replaceAll("(?s).*<textarea[^>]*name=\"" + name + "\"[^>]*>(.*?)</textarea>.*", "$1");
        return unescape(raw.startsWith("\n") ? raw.substring(1) : raw);
    }

    private static String value(String html, String name) {
        var input = html.replaceAll("(?s).*?(<input[^>]*name=\"" + name + "\"[^>]*>).*", "$1");
        return unescape(input.replaceAll("(?s).*value=\"([^\"]*)\".*", "$1"));
    }

    private static String unescape(String text) {
        return text.replace("&#64;", "@").replace("&#43;", "+").replace("&#34;", "\"").replace("&#39;", "'")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private Browser signedIn(Role role, String displayName) {
        var username = displayName.split(" ")[0].toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
        identity.createUserWithPassword(Actor.system(), username, displayName, null, role, PASSWORD, "test");
        var browser = new Browser(port);
        browser.signIn(username, PASSWORD);
        browser.get("/inbox");
        return browser;
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
