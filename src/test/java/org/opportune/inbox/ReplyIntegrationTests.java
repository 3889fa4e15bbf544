package org.opportune.inbox;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import org.opportune.conversation.ConversationService;
import org.opportune.conversation.ConversationWork;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailSecurity;
import org.opportune.mail.MailboxCommand;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;
import org.opportune.testing.Browser;
import org.opportune.testing.GreenMailServer;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Replying from the conversation page: through the outbox to a real SMTP server (GreenMail), threaded, attributed. */
@IntegrationTest
@TestPropertySource(properties = {
        "opportune.test.context=reply",
        "opportune.mail.outbox.poll-interval=200ms",
        "opportune.mail.outbox.max-attempts=2",
        "opportune.mail.outbox.backoff-initial=100ms"})
class ReplyIntegrationTests {

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
    ConversationWork work;

    @Autowired
    IdentityService identity;

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
    void aReplyGoesOutFromTheSharedAddressThreadedAndAttributedAndEndsTheWait() throws Exception {
        var run = run();
        var mailbox = mailbox("sales-" + run + "@reply.example", server.smtpPort());
        var conversationId = deliver(mailbox, customerMail("lead-" + run, "Quote for 40 desks " + run, null));
        assertThat(work.state(conversationId).waitingOnUs()).isTrue();
        var rep = signedIn(Role.REP, "Anna Berg");
        var form = rep.get("/conversations/" + conversationId).body();

        var sent = rep.post("/conversations/" + conversationId + "/reply", Map.of("mailboxId", Long.toString(mailbox),
                "to", value(form, "to"), "cc", "", "subject", value(form, "subject") + "\r\nBcc: victim@evil.example",
                "text", "Hello Lena,\n\nhere is our quote for 40 desks.\n\nAnna",
                "seenLastMessageId", value(form, "seenLastMessageId")));

        assertThat(sent.statusCode()).isEqualTo(302);
        var received = awaitReceived("Quote for 40 desks " + run);
        assertThat(received.getFrom()[0].toString()).isEqualTo("Anna at Sales <sales-" + run + "@reply.example>");
        assertThat(received.getReplyTo()[0].toString()).isEqualTo("sales-" + run + "@reply.example");
        assertThat(received.getHeader("In-Reply-To")[0]).isEqualTo("<lead-" + run + "@northwind.example>");
        assertThat(received.getHeader("References")[0]).contains("<lead-" + run + "@northwind.example>");
        assertThat(received.getSubject()).isEqualTo("Re: Quote for 40 desks " + run + " Bcc: victim@evil.example");
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("lena@northwind.example");
        assertThat(conversations.messageIds(conversationId)).hasSize(2);
        assertThat(work.state(conversationId).waitingOnUs()).as("we answered").isFalse();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(rep.get("/conversations/" + conversationId).body()).contains("Sent by anna-"));
        assertThat(actions("reply.")).contains("reply.queued", "reply.sent");
    }

    @Test
    void aSendIsHeldWhenTheCustomerWroteMeanwhileAndGoesOutWhenConfirmed() throws Exception {
        var run = run();
        var mailbox = mailbox("info-" + run + "@reply.example", server.smtpPort());
        var conversationId = deliver(mailbox, customerMail("first-" + run, "Delivery date " + run, null));
        var rep = signedIn(Role.REP, "Ben Okafor");
        var form = rep.get("/conversations/" + conversationId).body();
        deliver(mailbox, customerMail("second-" + run, "Re: Delivery date " + run, "first-" + run));

        var fields = new HashMap<>(Map.of("mailboxId", Long.toString(mailbox), "to", "lena@northwind.example", "cc", "",
                "subject", "Re: Delivery date " + run, "text", "Next Tuesday.",
                "seenLastMessageId", value(form, "seenLastMessageId")));
        var held = rep.post("/conversations/" + conversationId + "/reply", fields);

        assertThat(held.statusCode()).isEqualTo(200);
        assertThat(held.body()).contains("New activity since you started — review before sending", "Next Tuesday.", "Send anyway");
        assertThat(conversations.messageIds(conversationId)).hasSize(2);

        fields.put("sendAnyway", "true");
        fields.put("seenLastMessageId", value(held.body(), "seenLastMessageId"));
        var confirmed = rep.post("/conversations/" + conversationId + "/reply", fields);

        assertThat(confirmed.statusCode()).isEqualTo(302);
        assertThat(awaitReceived("Delivery date " + run).getContent().toString()).contains("Next Tuesday.");
    }

    @Test
    void aReplyToAServerThatIsDownFailsWithItsReasonAndCanBeRetried() throws Exception {
        var run = run();
        var mailbox = mailbox("down-" + run + "@reply.example", closedPort());
        var conversationId = deliver(mailbox, customerMail("down-" + run, "Samples " + run, null));
        var rep = signedIn(Role.REP, "Cleo Marsh");
        var form = rep.get("/conversations/" + conversationId).body();
        var missing = rep.post("/conversations/" + conversationId + "/reply", Map.of("mailboxId", Long.toString(mailbox),
                "to", "", "cc", "", "subject", "Re: Samples", "text", "",
                "seenLastMessageId", value(form, "seenLastMessageId")));
        assertThat(missing.body()).contains("Add at least one recipient.", "Write the message first.");

        rep.post("/conversations/" + conversationId + "/reply", Map.of("mailboxId", Long.toString(mailbox),
                "to", "lena@northwind.example", "cc", "", "subject", "Re: Samples " + run, "text", "They are on their way.",
                "seenLastMessageId", value(form, "seenLastMessageId")));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(rep.get("/conversations/" + conversationId).body()).contains("Not sent:", "Retry"));
        var page = rep.get("/conversations/" + conversationId).body();
        var outboxId = page.replaceAll("(?s).*action=\"/outbox/(\\d+)/retry\".*", "$1");
        assertThat(conversations.messageIds(conversationId)).as("the reply is kept in the thread").hasSize(2);

        rep.post("/outbox/" + outboxId + "/retry", Map.of("back", "/conversations/" + conversationId));

        assertThat(jdbc.sql("select count(*) from activity_entries where action = 'reply.retried' and subject_id = :id")
                .param("id", outboxId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from activity_entries where action = 'reply.failed' and subject_id = :id")
                .param("id", outboxId).query(Long.class).single()).isGreaterThanOrEqualTo(1);
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

    private List<String> actions(String prefix) {
        return jdbc.sql("select action from activity_entries where action like :prefix order by id")
                .param("prefix", prefix + "%").query(String.class).list();
    }

    private long mailbox(String address, int smtpPort) {
        return mailboxes.create(Actor.system(), new MailboxCommand("Sales", address, "127.0.0.1", server.imapPort(),
                MailSecurity.NONE, "nobody", "secret", List.of("INBOX"), "127.0.0.1", smtpPort, MailSecurity.NONE, null,
                null, 60, false)).id();
    }

    private long deliver(long mailboxId, String raw) {
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw.getBytes(StandardCharsets.UTF_8));
        assertThat(result.messageId()).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(result.messageId()).isPresent());
        return conversations.conversationOf(result.messageId()).orElseThrow();
    }

    private static String customerMail(String key, String subject, String inReplyTo) {
        return ("""
                From: Lena Vogt <lena@northwind.example>
                To: sales@reply.example
                Subject: %s
                Message-ID: <%s@northwind.example>
                %sDate: Mon, 4 May 2026 09:%02d:00 +0000
                Content-Type: text/plain; charset=utf-8

                Hello, can you send us a quote?
                """).formatted(subject, key,
                inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + "@northwind.example>\n",
                inReplyTo == null ? 0 : 30).replace("\n", "\r\n");
    }

    private static String value(String html, String name) {
        var input = html.replaceAll("(?s).*?(<(input|textarea)[^>]*name=\"" + name + "\"[^>]*>).*", "$1");
        if (input.startsWith("<textarea")) {
            return html.replaceAll("(?s).*name=\"" + name + "\"[^>]*>([^<]*)</textarea>.*", "$1");
        }
        return input.replaceAll("(?s).*value=\"([^\"]*)\".*", "$1").replace("&#64;", "@").replace("&#43;", "+");
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

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
