package org.opportune.mail;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.sync.MailboxSyncer;
import org.opportune.shared.Actor;
import org.opportune.testing.Browser;
import org.opportune.testing.GreenMailServer;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ImapSyncIntegrationTests {

    static final String PASSWORD = "secret-imap-password";
    static final Duration SOON = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailboxSync sync;

    @Autowired
    MailMessages messages;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    GreenMailServer server;

    @BeforeEach
    void startServer() {
        server = new GreenMailServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void syncsExistingMessagesAndThenNewOnesWithinSeconds() {
        var address = newUser();
        for (int i = 1; i <= 5; i++) {
            server.send(address, "initial " + i);
        }

        var mailbox = connect(address, PASSWORD, true);

        soon().until(() -> stored(mailbox) == 5);
        soon().until(() -> mailboxes.overview(mailbox.id()).status().state().equals("IDLE"));
        server.send(address, "arrives while idling");
        soon(Duration.ofSeconds(5)).until(() -> stored(mailbox) == 6);
        // the status row is updated after the message is stored
        soon().until(() -> mailboxes.overview(mailbox.id()).status().messagesSeen() == 6);
        var status = mailboxes.overview(mailbox.id()).status();
        assertThat(status.messagesSeen()).isEqualTo(6);
        assertThat(status.lastSuccessAt()).isNotNull();
        assertThat(status.lastError()).isNull();
        assertThat(subjects(mailbox)).doesNotHaveDuplicates().contains("arrives while idling");
    }

    @Test
    void aRestartedSyncResumesAfterTheLastUidWithoutDuplicates() {
        var address = newUser();
        for (int i = 1; i <= 3; i++) {
            server.send(address, "before restart " + i);
        }
        var mailbox = connect(address, PASSWORD, true);
        soon().until(() -> stored(mailbox) == 3);

        mailboxes.enableSync(Actor.system(), mailbox.id(), false);
        soon().until(() -> sync.syncerOf(mailbox.id()) == null);
        server.send(address, "while stopped 1");
        server.send(address, "while stopped 2");
        mailboxes.enableSync(Actor.system(), mailbox.id(), true);

        soon().until(() -> stored(mailbox) == 5);
        soon().until(() -> mailboxes.overview(mailbox.id()).status().messagesSeen() == 5);
        assertThat(subjects(mailbox)).hasSize(5).doesNotHaveDuplicates();
        assertThat(mailboxes.overview(mailbox.id()).status().folders()).singleElement()
                .satisfies(folder -> assertThat(folder.lastUid()).isEqualTo(5));
    }

    @Test
    void aServerThatGoesAwayMeansBackoffWithTheErrorShownAndSyncRecoversWhenItIsBack() {
        var address = newUser();
        server.send(address, "before the outage");
        var mailbox = connect(address, PASSWORD, true);
        soon().until(() -> stored(mailbox) == 1);
        var admin = signedInAdmin();

        server.stop();

        soon().until(() -> {
            var status = mailboxes.overview(mailbox.id()).status();
            return status.state().equals("BACKOFF") && status.lastError() != null && status.lastError().contains("Host unreachable");
        });
        var page = admin.get("/admin/mailboxes");
        assertThat(page.body()).contains("BACKOFF", "Host unreachable: cannot connect to 127.0.0.1:" + server.imapPort());

        // GreenMail's UIDVALIDITY is the second the folder was made: a server restarted within the same second would
        // reuse it with UIDs from 1 again, which no real server does (and the sync rightly skips UIDs it has seen)
        var second = System.currentTimeMillis() / 1000;
        soon().until(() -> System.currentTimeMillis() / 1000 > second);
        server.restart();
        server.addUser(address.substring(0, address.indexOf('@')), PASSWORD);
        server.send(address, "after the outage");

        // a restarted server and a backoff in progress: allow more than the usual few seconds under CI load
        soon(Duration.ofSeconds(40)).until(() -> subjects(mailbox).contains("after the outage"));
        soon(Duration.ofSeconds(40)).until(() -> mailboxes.overview(mailbox.id()).status().lastError() == null);
        assertThat(mailboxes.overview(mailbox.id()).status().state()).isIn("IDLE", "SYNCING");
        assertThat(subjects(mailbox)).containsExactlyInAnyOrder("before the outage", "after the outage");
    }

    @Test
    void twoNodesShareOneLeaseSoOnlyOneSyncsAndNothingIsStoredTwice() {
        var address = newUser();
        for (int i = 1; i <= 20; i++) {
            server.send(address, "two nodes " + i);
        }
        var mailbox = connect(address, PASSWORD, false);
        var nodeA = sync.newSyncer(mailbox.id(), "node-a-" + UUID.randomUUID());
        var nodeB = sync.newSyncer(mailbox.id(), "node-b-" + UUID.randomUUID());
        try {
            nodeA.start();
            nodeB.start();

            soon().until(() -> stored(mailbox) == 20);
            assertThat(List.of(nodeA.holdsLease(), nodeB.holdsLease())).containsExactlyInAnyOrder(true, false);
            var holder = nodeA.holdsLease() ? nodeA : nodeB;
            var other = holder == nodeA ? nodeB : nodeA;
            assertThat(leaseHolder(mailbox)).isEqualTo(holder.nodeId());
            server.send(address, "while A or B holds the lease");
            soon().until(() -> stored(mailbox) == 21);

            holder.stopAndWait(SOON);
            soon().until(other::holdsLease);
            server.send(address, "after the takeover");
            soon().until(() -> stored(mailbox) == 22);

            assertThat(subjects(mailbox)).hasSize(22).doesNotHaveDuplicates();
            assertThat(linkRows(mailbox)).isEqualTo(22);
            soon().until(() -> mailboxes.overview(mailbox.id()).status().messagesSeen() == 22);
        } finally {
            nodeA.stopAndWait(SOON);
            nodeB.stopAndWait(SOON);
        }
        assertThat(leaseHolder(mailbox)).isNull();
    }

    @Test
    void testConnectionNamesTheProblem() {
        var address = newUser();
        var wrongPassword = connect(address, "not the password", false);
        var missingFolder = mailboxes.create(Actor.system(), command(newUser(), PASSWORD, false).withFolders(List.of("INBOX", "Nope")));
        var closedPort = mailboxes.create(Actor.system(), MailboxCommand.imap("Closed", "closed-" + shortId() + "@demo.example",
                "127.0.0.1", 1, MailSecurity.NONE, "x", "y").withSyncEnabled(false));
        var tlsToPlainPort = mailboxes.create(Actor.system(), MailboxCommand.imap("TLS", "tls-" + shortId() + "@demo.example",
                "127.0.0.1", server.imapPort(), MailSecurity.TLS, "x", "y").withSyncEnabled(false));
        var good = connect(newUser(), PASSWORD, false);

        var auth = mailboxes.testConnection(Actor.system(), wrongPassword.id());
        var folder = mailboxes.testConnection(Actor.system(), missingFolder.id());
        var unreachable = mailboxes.testConnection(Actor.system(), closedPort.id());
        var tls = mailboxes.testConnection(Actor.system(), tlsToPlainPort.id());
        var ok = mailboxes.testConnection(Actor.system(), good.id());

        assertThat(auth.problem()).isEqualTo(ConnectionTest.Problem.AUTHENTICATION_FAILED);
        assertThat(auth.message()).startsWith("Authentication failed");
        assertThat(folder.problem()).isEqualTo(ConnectionTest.Problem.FOLDER_MISSING);
        assertThat(folder.message()).contains("\"Nope\"");
        assertThat(unreachable.problem()).isEqualTo(ConnectionTest.Problem.HOST_UNREACHABLE);
        assertThat(tls.problem()).isEqualTo(ConnectionTest.Problem.TLS_PROBLEM);
        assertThat(ok.ok()).isTrue();
    }

    /** GreenMail's connection threads die noisily when it stops: not a failure of this test. */
    private static ConditionFactory soon() {
        return soon(SOON);
    }

    private static ConditionFactory soon(Duration within) {
        return await().atMost(within).dontCatchUncaughtExceptions();
    }

    private MailboxView connect(String address, String password, boolean sync) {
        return mailboxes.create(Actor.system(), command(address, password, sync));
    }

    private MailboxCommand command(String address, String password, boolean sync) {
        return MailboxCommand.imap("Sales", address, "127.0.0.1", server.imapPort(), MailSecurity.NONE,
                address.substring(0, address.indexOf('@')), password).withPollIntervalSeconds(1).withSyncEnabled(sync);
    }

    private String newUser() {
        return server.addUser("sales-" + shortId(), PASSWORD);
    }

    private int stored(MailboxView mailbox) {
        return messages.messageIdsInMailbox(mailbox.id()).size();
    }

    private List<String> subjects(MailboxView mailbox) {
        return messages.messageIdsInMailbox(mailbox.id()).stream()
                .map(id -> messages.message(id).orElseThrow().subject()).toList();
    }

    private long linkRows(MailboxView mailbox) {
        return jdbc.sql("select count(*) from message_mailboxes where mailbox_id = :id").param("id", mailbox.id())
                .query(Long.class).single();
    }

    private String leaseHolder(MailboxView mailbox) {
        return jdbc.sql("select node_id from mailbox_leases where mailbox_id = :id").param("id", mailbox.id())
                .query(String.class).optional().orElse(null);
    }

    private Browser signedInAdmin() {
        var username = "admin-" + shortId();
        identity.createUserWithPassword(Actor.system(), username, "Test Admin", null, Role.ADMIN, "correct horse battery", "test");
        var browser = new Browser(port);
        browser.signIn(username, "correct horse battery");
        return browser;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
