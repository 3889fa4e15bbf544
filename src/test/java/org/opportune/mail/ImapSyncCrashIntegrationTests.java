package org.opportune.mail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import org.opportune.testing.Browser;
import org.opportune.testing.DovecotServer;
import org.opportune.testing.JarProcess;
import org.opportune.testing.MailCorpus;
import org.opportune.testing.ProcessDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills the real application (a separate JVM, SIGKILL) while it syncs a large folder from a real
 * Dovecot, restarts it, and shows every message is stored exactly once and threaded: sync state is
 * (UIDVALIDITY, last UID) advanced per stored message, and a refetch of the message in flight is a
 * duplicate. On H2 (file) and, with {@code -Dtest.postgres}, on PostgreSQL.
 */
class ImapSyncCrashIntegrationTests {

    private static final int MESSAGES = 400;
    private static final String PASSWORD = "crash-sync-password";
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    /**
     * The killed node's lease on the mailbox stays until it expires, and only then may the restarted node sync
     * (with a node id of its own it never mistakes the old lease for its own). The default (2 minutes) would make
     * this test wait that long; the takeover after expiry is the same with a short lease.
     */
    private static final String LEASE = "--opportune.mail.sync.lease-duration=6s";

    @RegisterExtension
    static final DovecotServer dovecot = new DovecotServer();

    /** Kept when the test fails: the application's logs are in its {@code logs} and {@code data/logs} folders. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path temp;

    private final List<JarProcess> processes = new ArrayList<>();
    private ProcessDatabase database;

    @AfterEach
    void killEverythingStarted() {
        processes.forEach(JarProcess::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aSyncKilledHalfwayResumesAfterRestartWithEveryMessageStoredOnce() {
        var mails = MailCorpus.generate(11, MESSAGES);
        dovecot.addUser("crash", PASSWORD);
        dovecot.appendAll("crash", PASSWORD, "INBOX", mails.stream().map(MailCorpus.Mail::raw).toList());
        database = ProcessDatabase.create(temp.resolve("data"));

        var first = startWeb("sync-killed");
        connectMailbox(first);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> database.count("select count(*) from messages") >= MESSAGES / 5);
        first.kill();
        var storedAtCrash = database.count("select count(*) from messages");
        System.out.printf("killed the sync with %d of %d messages stored (%s)%n", storedAtCrash, MESSAGES,
                database.postgres() ? "PostgreSQL" : "H2");

        assertThat(first.isAlive()).isFalse();
        assertThat(storedAtCrash).isLessThan(MESSAGES);

        var second = startWeb("sync-restarted");
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250))
                    .until(() -> database.count("select count(*) from messages") == MESSAGES
                            && database.count("select count(*) from conversation_messages") == MESSAGES);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("after the restart, %d of %d messages stored and %d threaded; %s%s".formatted(
                    database.count("select count(*) from messages"), MESSAGES,
                    database.count("select count(*) from conversation_messages"), database.deliveries(), second.describe()), e);
        }
        dovecot.append("crash", PASSWORD, "INBOX", MailCorpus.generate(12, 1).get(0).raw());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> database.count("select count(*) from messages") == MESSAGES + 1);
        second.stop(Duration.ofSeconds(30));

        var ids = database.jdbc().sql("select message_id_header from messages").query(String.class).list();
        assertThat(ids).hasSize(MESSAGES + 1).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).containsAll(mails.stream().map(MailCorpus.Mail::messageId).toList());
        assertThat(database.count("select count(*) from message_mailboxes")).isEqualTo(MESSAGES + 1);
        assertThat(database.count("select count(distinct message_id) from message_mailboxes")).isEqualTo(MESSAGES + 1);
    }

    private JarProcess startWeb(String name) {
        var process = JarProcess.start(name, database, temp.resolve("logs"), "--server.port=0", LEASE);
        processes.add(process);
        process.awaitOutput(out -> PORT.matcher(out).find(), false, Duration.ofMinutes(2));
        return process;
    }

    /** First run: the setup page creates an admin, who connects the mailbox through the JSON API. */
    private void connectMailbox(JarProcess app) {
        var matcher = PORT.matcher(app.stdout());
        assertThat(matcher.find()).isTrue();
        var browser = new Browser(Integer.parseInt(matcher.group(1)));
        browser.get("/setup");
        browser.post("/setup", Map.of("username", "admin", "displayName", "Admin", "email", "",
                "password", ADMIN_PASSWORD, "passwordRepeat", ADMIN_PASSWORD));
        browser.signIn("admin", ADMIN_PASSWORD);
        browser.get("/account");
        var created = browser.json("POST", "/api/v1/mailboxes", """
                {"name": "Sales", "address": "sales@crash.example", "imapHost": "%s", "imapPort": %d,
                 "imapSecurity": "NONE", "imapUsername": "crash", "imapPassword": "%s", "folders": ["INBOX"],
                 "syncEnabled": true}
                """.formatted(dovecot.host(), dovecot.port(), PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
    }
}
