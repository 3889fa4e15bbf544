package org.opportune.mail;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import org.opportune.shared.Actor;
import org.opportune.testing.DovecotServer;
import org.opportune.testing.GreenMailServer;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Sent folder copy against a real IMAP server (Dovecot; SMTP by GreenMail): appended once with \Seen,
 * found again instead of appended twice, and a synced Sent folder links it to the stored reply.
 */
@IntegrationTest
@TestPropertySource(properties = {"opportune.test.context=dovecot-sent", "opportune.mail.outbox.poll-interval=200ms"})
class DovecotSentFolderIntegrationTests {

    private static final String PASSWORD = "dovecot-test-password";
    private static final String CUSTOMER = "lena@northwind.example";
    private static GreenMailServer smtp;

    @RegisterExtension
    static final DovecotServer dovecot = new DovecotServer();

    @Autowired
    MailboxService mailboxes;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void smtpServer() {
        smtp = new GreenMailServer();
    }

    @AfterAll
    static void stop() {
        smtp.close();
    }

    @Test
    void aSentReplyIsInDovecotsSentFolderOnceEvenWhenTheCopyIsTriedAgain() {
        var user = "sales" + UUID.randomUUID().toString().substring(0, 8);
        dovecot.addUser(user, PASSWORD);
        dovecot.createFolder(user, PASSWORD, "Sent");
        var mailbox = mailboxes.create(Actor.system(), new MailboxCommand("Sales", user + "@dovecot.example", dovecot.host(),
                dovecot.port(), MailSecurity.NONE, user, PASSWORD, List.of("INBOX", "Sent"), "127.0.0.1", smtp.smtpPort(),
                MailSecurity.NONE, null, null, 1, true, "Sent"));

        var queued = outbox.queue(Actor.system(), new OutgoingMail(mailbox.id(), "Anna at Sales", List.of(CUSTOMER), List.of(),
                "Your quote", "Hello Lena,\n\nhere it is.\n\nAnna", null, List.of(), List.of()));

        var copy = "<" + queued.messageIdHeader() + "> \\Seen";
        soon().until(() -> !dovecot.folderMessages(user, PASSWORD, "Sent").isEmpty());
        assertThat(dovecot.folderMessages(user, PASSWORD, "Sent")).containsExactly(copy);
        soon().until(() -> folders(queued.id()).contains("Sent"));
        assertThat(jdbc.sql("select count(*) from messages where message_id_header = :header")
                .param("header", queued.messageIdHeader()).query(Long.class).single()).as("the synced copy is no new message")
                .isEqualTo(1);

        jdbc.sql("update outbox set append_status = 'pending', append_attempts = 0 where id = :id").param("id", queued.id())
                .update();

        soon().until(() -> "appended".equals(outbox.entry(queued.id()).appendStatus()));
        assertThat(dovecot.folderMessages(user, PASSWORD, "Sent")).containsExactly(copy);
        assertThat(smtp.folderMessages(CUSTOMER, CUSTOMER, "INBOX")).containsExactly("<" + queued.messageIdHeader() + ">");
        mailboxes.enableSync(Actor.system(), mailbox.id(), false);
    }

    /** The folders the stored reply is known in: the outbox's import, and the synced Sent folder. */
    private List<String> folders(long outboxId) {
        return jdbc.sql("""
                select mm.folder from message_mailboxes mm join outbox o on o.message_id = mm.message_id where o.id = :id""")
                .param("id", outboxId).query(String.class).list();
    }

    private static org.awaitility.core.ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(30)).dontCatchUncaughtExceptions();
    }
}
