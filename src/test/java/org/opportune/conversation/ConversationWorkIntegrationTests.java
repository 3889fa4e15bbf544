package org.opportune.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MessageReceived;
import org.opportune.shared.Actor;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Who owns a conversation, whether it is archived, and whether the customer is waiting on us. */
@IntegrationTest
class ConversationWorkIntegrationTests {

    private static final AtomicLong MESSAGE_IDS = new AtomicLong(500_000);
    private static final String PASSWORD = "correct horse battery staple";
    private static final String SALES = "sales@work.example";
    private static final String CUSTOMER = "lena@customer.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    ConversationService conversations;

    @Autowired
    ConversationWork work;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    private long mailboxId;
    private String run;

    @BeforeEach
    void mailbox() {
        mailboxId = mailboxes.ensureMailbox(SALES).id();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void oneOwnerAtATimeAndEveryChangeIsInTheTrail() {
        var id = newConversation();
        var anna = newUser(Role.REP);
        var ben = newUser(Role.REP);
        var maria = newUser(Role.MANAGER);
        var annaBrowser = signedIn(anna);
        var benBrowser = signedIn(ben);

        var claimed = annaBrowser.json("POST", "/api/v1/conversations/" + id + "/claim", null);
        var second = benBrowser.json("POST", "/api/v1/conversations/" + id + "/claim", null);
        var grab = benBrowser.json("POST", "/api/v1/conversations/" + id + "/assign",
                "{\"userId\": " + userId(ben) + "}");

        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(claimed.body()).contains("\"owner\":\"" + anna + "\"");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("Test Sales rep owns this conversation already");
        assertThat(grab.statusCode()).isEqualTo(409);
        assertThat(grab.body()).contains("or a manager can hand this conversation over");

        var handOver = annaBrowser.json("POST", "/api/v1/conversations/" + id + "/assign",
                "{\"userId\": " + userId(ben) + ", \"reason\": \"Ben knows their account\"}");
        var reassign = signedIn(maria).json("POST", "/api/v1/conversations/" + id + "/assign",
                "{\"userId\": " + userId(anna) + ", \"expectedOwnerId\": " + userId(ben) + "}");
        var stale = signedIn(maria).json("POST", "/api/v1/conversations/" + id + "/assign",
                "{\"userId\": " + userId(maria) + ", \"expectedOwnerId\": " + userId(ben) + "}");

        assertThat(handOver.statusCode()).isEqualTo(200);
        assertThat(reassign.statusCode()).isEqualTo(200);
        assertThat(reassign.body()).contains("\"owner\":\"" + anna + "\"");
        assertThat(stale.statusCode()).as("the owner is no longer the one the manager saw").isEqualTo(409);
        assertThat(stale.body()).contains("The owner changed meanwhile");
        assertThat(trail(id)).containsExactly(
                "conversation.claimed {\"owner\":\"nobody\"} -> {\"owner\":\"" + anna + "\"}",
                "conversation.assigned {\"owner\":\"" + anna + "\"} -> {\"owner\":\"" + ben
                        + "\",\"reason\":\"Ben knows their account\"}",
                "conversation.assigned {\"owner\":\"" + ben + "\"} -> {\"owner\":\"" + anna + "\"}");
    }

    @Test
    void aViewerCanReadButNotClaimAndNobodyCanAssignToAViewer() {
        var id = newConversation();
        var viewer = newUser(Role.VIEWER);
        var manager = signedIn(newUser(Role.MANAGER));
        var viewerBrowser = signedIn(viewer);

        assertThat(viewerBrowser.json("GET", "/api/v1/conversations/" + id, null).statusCode()).isEqualTo(200);
        assertThat(viewerBrowser.json("POST", "/api/v1/conversations/" + id + "/claim", null).statusCode()).isEqualTo(403);
        var toViewer = manager.json("POST", "/api/v1/conversations/" + id + "/assign", "{\"userId\": " + userId(viewer) + "}");
        assertThat(toViewer.statusCode()).isEqualTo(409);
        assertThat(toViewer.body()).contains("has a read-only role");
        assertThat(manager.json("GET", "/api/v1/conversations/999999", null).statusCode()).isEqualTo(404);
    }

    @Test
    void fiftySimultaneousClaimsMakeExactlyOneOwner() throws Exception {
        var id = newConversation();
        var users = new ArrayList<Actor>();
        for (int i = 0; i < 50; i++) {
            var username = newUser(Role.REP);
            users.add(Actor.user(userId(username), username));
        }
        var start = new CountDownLatch(1);
        var attempts = new ArrayList<Callable<String>>();
        for (var user : users) {
            attempts.add(() -> {
                start.await();
                try {
                    work.claim(user, id);
                    return "won";
                } catch (ConversationRuleException e) {
                    return e.getMessage();
                }
            });
        }
        var pool = Executors.newFixedThreadPool(50);
        try {
            var futures = attempts.stream().map(pool::submit).toList();
            start.countDown();
            var results = new ArrayList<String>();
            for (var future : futures) {
                results.add(future.get());
            }

            assertThat(results).filteredOn("won"::equals).hasSize(1);
            assertThat(results).filteredOn(r -> !"won".equals(r)).hasSize(49)
                    .allSatisfy(r -> assertThat(r).endsWith("owns this conversation already. Ask them or a manager to hand it over."));
            var owner = work.state(id).ownerId();
            assertThat(users).extracting(Actor::userId).contains(owner);
            assertThat(trail(id)).hasSize(1).first().asString().startsWith("conversation.claimed");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCustomerWritingLastMeansWaitingOnUsAndReopensAnArchivedConversation() {
        var enquiry = message("enquiry", null, "Quote for 40 desks", CUSTOMER, 0);
        publish(enquiry);
        var id = awaitConversation(enquiry);
        assertThat(work.state(id).waitingOnUs()).isTrue();

        var answer = message("answer", enquiry, "Re: Quote for 40 desks", "anna@work.example", 30);
        publish(answer);
        awaitConversation(answer);
        assertThat(work.state(id).waitingOnUs()).as("a colleague of our domain answered").isFalse();

        var rep = Actor.user(userId(newUser(Role.REP)), "rep");
        work.archive(rep, id);
        assertThat(work.state(id).archived()).isTrue();

        var followUp = message("follow-up", answer, "Re: Quote for 40 desks", CUSTOMER, Instant.now().plusSeconds(60));
        publish(followUp);
        awaitConversation(followUp);

        var state = work.state(id);
        assertThat(state.waitingOnUs()).isTrue();
        assertThat(state.archived()).as("the customer wrote after it was archived").isFalse();
        assertThat(trail(id)).containsExactly(
                "conversation.archived {\"status\":\"open\"} -> {\"status\":\"archived\"}",
                "conversation.reopened {\"status\":\"archived\"} -> {\"status\":\"open\"}");
    }

    private long newConversation() {
        var message = message("lead", null, "Pricing for 12 licences", CUSTOMER, 0);
        publish(message);
        return awaitConversation(message);
    }

    private MessageReceived message(String key, @Nullable MessageReceived parent, String subject, String from, int minutes) {
        return message(key, parent, subject, from, Instant.parse("2026-05-04T09:00:00Z").plus(Duration.ofMinutes(minutes)));
    }

    private MessageReceived message(String key, @Nullable MessageReceived parent, String subject, String from,
            Instant sentAt) {
        return new MessageReceived(MESSAGE_IDS.incrementAndGet(), key + "." + run + "@mail.example",
                parent == null ? null : parent.messageIdHeader(),
                parent == null ? List.of() : List.of(parent.messageIdHeader()), subject, from, null,
                List.of(from, SALES), sentAt, mailboxId);
    }

    private void publish(MessageReceived message) {
        transactions.executeWithoutResult(status -> publisher.publishEvent(message));
    }

    private long awaitConversation(MessageReceived message) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> conversations.conversationOf(message.messageId()).isPresent());
        return conversations.conversationOf(message.messageId()).orElseThrow();
    }

    private List<String> trail(long conversationId) {
        return jdbc.sql("""
                select action, before_json, after_json from activity_entries
                where subject_type = 'conversation' and subject_id = :id and action <> 'conversation.merged' order by id""")
                .param("id", Long.toString(conversationId))
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " -> " + rs.getString(3))
                .list();
    }

    private String newUser(Role role) {
        var username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createUserWithPassword(Actor.system(), username, "Test " + role.label(), null, role, PASSWORD, "test");
        return username;
    }

    private long userId(String username) {
        return identity.findByUsername(username).orElseThrow().id();
    }

    private Browser signedIn(String username) {
        var browser = new Browser(port);
        browser.signIn(username, PASSWORD);
        browser.get("/");
        return browser;
    }
}
