package org.opportune.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import org.opportune.conversation.ConversationService;
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

/**
 * A sent reply is also put in the mailbox's Sent folder over IMAP (GreenMail): once, marked read, as a step
 * of its own that is retried without sending the mail again.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "opportune.test.context=reply",
        "opportune.mail.outbox.poll-interval=200ms",
        "opportune.mail.outbox.max-attempts=2",
        "opportune.mail.outbox.backoff-initial=100ms"})
class SentFolderIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String IMAP_PASSWORD = "imap secret";
    private static final String CUSTOMER = "lena@northwind.example";
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
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void mailServer() {
        server = new GreenMailServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSentReplyIsInTheSentFolderOnceMarkedReadAndSyncingThatFolderAddsNoMessage() {
        var run = run();
        var login = "sent-" + run;
        var address = server.addUser(login, IMAP_PASSWORD);
        server.createFolder(login, IMAP_PASSWORD, "Sent");
        var mailbox = mailbox(address, login, List.of("INBOX", "Sent"), true, "Sent");
        var conversationId = deliver(mailbox, customerMail("lead-" + run, "Quote for 12 chairs " + run));
        var rep = signedIn();

        reply(rep, conversationId, mailbox, "Re: Quote for 12 chairs " + run);

        var header = awaitOutbox(mailbox);
        await().atMost(Duration.ofSeconds(20)).until(() -> !server.folderMessages(login, IMAP_PASSWORD, "Sent").isEmpty());
        assertThat(server.folderMessages(login, IMAP_PASSWORD, "Sent")).containsExactly("<" + header + "> \\Seen");
        assertThat(smtpCopies(header)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> locations(header).contains("Sent"));
        assertThat(conversations.messageIds(conversationId)).as("the synced Sent copy is the same message").hasSize(2);
        assertThat(rep.get("/conversations/" + conversationId).body()).contains("Sent by rep-")
                .doesNotContain("Sent folder");
        assertThat(jdbc.sql("select count(*) from activity_entries where action = 'reply.copied_to_sent'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(1);

        jdbc.sql("update outbox set append_status = 'pending', append_attempts = 0 where message_id_header = :h")
                .param("h", header).update(); // as if the node died after the APPEND, before it noted it

        await().atMost(Duration.ofSeconds(20)).until(() -> "appended".equals(jdbc.sql(
                "select append_status from outbox where message_id_header = :h").param("h", header).query(String.class).single()));
        assertThat(server.folderMessages(login, IMAP_PASSWORD, "Sent")).as("found there, not appended again")
                .containsExactly("<" + header + "> \\Seen");
        mailboxes.enableSync(Actor.system(), mailbox, false);
    }

    @Test
    void aFailedCopyIsRetriedAndShownAndNeverSendsTheMailAgain() {
        var run = run();
        var login = "nosent-" + run;
        var address = server.addUser(login, IMAP_PASSWORD);
        var mailbox = mailbox(address, login, List.of("INBOX"), false, "Sent Items");
        var conversationId = deliver(mailbox, customerMail("ask-" + run, "Delivery in May " + run));
        var rep = signedIn();

        reply(rep, conversationId, mailbox, "Re: Delivery in May " + run);

        var header = awaitOutbox(mailbox);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(rep.get("/conversations/" + conversationId).body())
                .contains("Sent by rep-", "not in the Sent folder", "has no folder", "Sent Items", "Put it in the Sent folder"));
        assertThat(jdbc.sql("select append_attempts from outbox where message_id_header = :h").param("h", header)
                .query(Integer.class).single()).as("tried again before giving up").isEqualTo(2);
        assertThat(smtpCopies(header)).isEqualTo(1);
        assertThat(server.folderMessages(login, IMAP_PASSWORD, "Sent Items")).isEmpty();
        var outboxId = jdbc.sql("select id from outbox where message_id_header = :h").param("h", header)
                .query(Long.class).single();

        server.createFolder(login, IMAP_PASSWORD, "Sent Items");
        var retried = rep.post("/outbox/" + outboxId + "/retry", Map.of("back", "/conversations/" + conversationId));

        assertThat(retried.statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(20)).until(() -> !server.folderMessages(login, IMAP_PASSWORD, "Sent Items").isEmpty());
        assertThat(server.folderMessages(login, IMAP_PASSWORD, "Sent Items")).containsExactly("<" + header + "> \\Seen");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(rep.get("/conversations/" + conversationId).body()).doesNotContain("Sent folder"));
        assertThat(smtpCopies(header)).as("the mail was sent once").isEqualTo(1);
        assertThat(jdbc.sql("select action from activity_entries where subject_type = 'outbox' and subject_id = :id order by id")
                .param("id", Long.toString(outboxId)).query(String.class).list())
                .containsSubsequence("reply.queued", "reply.sent", "reply.copy_to_sent_failed",
                        "reply.copy_to_sent_retried", "reply.copied_to_sent");
    }

    private void reply(Browser rep, long conversationId, long mailbox, String subject) {
        var form = rep.get("/conversations/" + conversationId).body();
        var sent = rep.post("/conversations/" + conversationId + "/reply", Map.of("mailboxId", Long.toString(mailbox),
                "to", CUSTOMER, "cc", "", "subject", subject, "text", "Hello Lena,\n\nyes, we can.\n\nRep",
                "seenLastMessageId", form.replaceAll("(?s).*name=\"seenLastMessageId\" value=\"([^\"]*)\".*", "$1")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
    }

    /** The Message-ID (without angle brackets) of the mailbox's reply, once it was sent. */
    private String awaitOutbox(long mailbox) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from outbox where mailbox_id = :m and status = 'sent'").param("m", mailbox)
                .query(Long.class).single() == 1);
        return jdbc.sql("select message_id_header from outbox where mailbox_id = :m").param("m", mailbox)
                .query(String.class).single();
    }

    private List<String> locations(String header) {
        return jdbc.sql("""
                select mm.folder from message_mailboxes mm join outbox o on o.message_id = mm.message_id
                where o.message_id_header = :h""").param("h", header).query(String.class).list();
    }

    /**
     * How many copies of the message the customer got by SMTP: those in their INBOX (GreenMail makes the
     * account, login and password being the address). The server's list of received messages would count
     * the Sent folder copy too.
     */
    private static long smtpCopies(String header) {
        return server.folderMessages(CUSTOMER, CUSTOMER, "INBOX").stream()
                .filter(id -> id.startsWith("<" + header + ">")).count();
    }

    private long mailbox(String address, String login, List<String> folders, boolean sync, String sentFolder) {
        return mailboxes.create(Actor.system(), new MailboxCommand("Sales", address, "127.0.0.1", server.imapPort(),
                MailSecurity.NONE, login, IMAP_PASSWORD, folders, "127.0.0.1", server.smtpPort(), MailSecurity.NONE, null,
                null, 1, sync, sentFolder)).id();
    }

    private long deliver(long mailboxId, String raw) {
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw.getBytes(StandardCharsets.UTF_8));
        assertThat(result.messageId()).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(result.messageId()).isPresent());
        return conversations.conversationOf(result.messageId()).orElseThrow();
    }

    private static String customerMail(String key, String subject) {
        return """
                From: Lena Vogt <lena@northwind.example>
                To: sales@reply.example
                Subject: %s
                Message-ID: <%s@northwind.example>
                Date: Mon, 4 May 2026 09:00:00 +0000
                Content-Type: text/plain; charset=utf-8

                Hello, can you deliver in May?
                """.formatted(subject, key).replace("\n", "\r\n");
    }

    private Browser signedIn() {
        var username = "rep-" + UUID.randomUUID().toString().substring(0, 6);
        identity.createUserWithPassword(Actor.system(), username, "Rep " + username, null, Role.REP, PASSWORD, "test");
        var browser = new Browser(port);
        browser.signIn(username, PASSWORD);
        browser.get("/inbox");
        return browser;
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
