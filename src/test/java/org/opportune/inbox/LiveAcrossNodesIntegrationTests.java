package org.opportune.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailboxService;
import org.opportune.conversation.ConversationService;
import org.opportune.shared.Actor;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;
import org.opportune.testing.ServerSentEvents;
import org.opportune.testing.TestDatabase;
import org.opportune.web.live.LiveBus;
import org.opportune.web.live.SecondNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two app nodes behind one load balancer: what happens on one reaches the pages open on the other. The
 * second node is a second {@link LiveBus} on the same database (its own LISTEN connection on PostgreSQL; on
 * H2, the one-node default, the same process's bus with another node's messages).
 */
@IntegrationTest
class LiveAcrossNodesIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;

    @Autowired
    LiveBus bus;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityService identity;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailIngestion ingestion;

    @Autowired
    ConversationService conversations;

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (var closeable : open) {
            closeable.close();
        }
    }

    @Test
    void onPostgresqlTheBusReallyGoesThroughTheDatabase() {
        assertThat(bus.getClass().getSimpleName()).isEqualTo(TestDatabase.postgres() ? "PostgresLiveBus" : "LocalLiveBus");
    }

    @Test
    void aChangeOnTheOtherNodeRefreshesTheInboxOpenOnThisOne() {
        var rep = signedIn();
        var heard = listen(rep, "/inbox/stream");
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("ok"));
        var other = node();

        other.publish("inbox", "owner:424242");

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("owner:424242"));
    }

    @Test
    void aViewerOnTheOtherNodeIsShownHereAndAViewerHereIsToldToTheOtherNode() {
        var conversationId = conversation();
        var rep = signedIn();
        var other = node();
        var otherHears = new LinkedBlockingQueue<String>();
        other.subscribe("presence", otherHears::add);
        var heard = listen(rep, "/conversations/" + conversationId + "/presence");

        await().atMost(Duration.ofSeconds(10)).until(() -> otherHears.stream()
                .anyMatch(d -> d.contains("\n" + conversationId + "\n") && d.contains("Rita+Rep")));
        other.publish("presence", "node-b\n" + conversationId + "\n987654 " + Long.MAX_VALUE / 2 + " Ben+Okafor");
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("Ben Okafor is replying"));
        other.publish("presence", "node-b\n" + conversationId);
        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("-"));
    }

    @Test
    void aMessageThreadedOnTheOtherNodeWarnsTheWriterHere() {
        var conversationId = conversation();
        var rep = signedIn();
        var heard = listen(rep, "/conversations/" + conversationId + "/presence");
        await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());

        node().publish("conversation.message", conversationId + ":777777");

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("777777"));
    }

    private LiveBus node() {
        var node = SecondNode.start(bus, dataSource, jdbc);
        open.add(node);
        return node.bus();
    }

    private long conversation() {
        var mailbox = mailboxes.ensureMailbox("sales@nodes-test.example");
        var run = UUID.randomUUID().toString().substring(0, 8);
        var raw = ("From: Lena <lena@northwind.example>\r\nTo: sales@nodes-test.example\r\nSubject: Nodes " + run
                + "\r\nMessage-ID: <nodes-" + run + "@northwind.example>\r\nDate: Mon, 4 May 2026 09:00:00 +0000\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n").getBytes(StandardCharsets.UTF_8);
        var messageId = ingestion.ingest(IngestSource.imported(mailbox.id(), "test"), raw).messageId();
        return await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(messageId).orElse(null), c -> c != null);
    }

    private Browser signedIn() {
        var username = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createUserWithPassword(Actor.system(), username, "Rita Rep", null, Role.REP, PASSWORD, "test");
        var browser = new Browser(port);
        browser.signIn(username, PASSWORD);
        browser.get("/inbox");
        return browser;
    }

    /** The data lines of a server-sent event stream, as they arrive. */
    private List<String> listen(Browser browser, String path) {
        var response = browser.stream(path);
        var heard = new CopyOnWriteArrayList<String>();
        ServerSentEvents.collectData(response.body(), heard);
        open.add(() -> response.body().close());
        return heard;
    }
}
