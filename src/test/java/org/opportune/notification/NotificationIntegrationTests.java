package org.opportune.notification;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.conversation.ConversationEvents.ConversationOwnerChanged;
import org.opportune.conversation.ConversationEvents.MessageThreaded;
import org.opportune.conversation.ConversationEvents.NoteAdded;
import org.opportune.conversation.ConversationService;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.identity.UserView;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MessageReceived;
import org.opportune.shared.Actor;
import org.opportune.task.TaskEvents.TaskAssigned;
import org.opportune.task.TaskEvents.TaskDue;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Mentions, assignments by someone else and due tasks tell the right person, once, and they can read them. */
@IntegrationTest
class NotificationIntegrationTests {

    private static final AtomicLong MESSAGE_IDS = new AtomicLong(900_000);
    private static final String PASSWORD = "correct horse battery staple";
    private static final String SALES = "sales@notify.example";

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
    IdentityService identity;

    @Autowired
    NotificationService notifications;

    @Autowired
    MailIngestion ingestion;

    @Autowired
    NotificationListener listenerBean;

    @Autowired
    JdbcClient jdbc;

    /** The listener itself, called in the caller's thread and transaction, as the registry's redelivery does. */
    private NotificationListener listener;

    private long mailboxId;
    private String run;

    @BeforeEach
    void mailbox() {
        mailboxId = mailboxes.ensureMailbox(SALES).id();
        listener = AopTestUtils.getUltimateTargetObject(listenerBean);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aNoteMentioningMarcoTellsMarcoOnlyAndOpeningItMarksItRead() {
        var conversation = newConversation("Quote for 40 chairs");
        var dana = newUser("dana", Role.MANAGER);
        var marco = newUser("marco", Role.REP);
        var priya = newUser("priya", Role.REP);
        var danaBrowser = signedIn(dana);
        var marcoBrowser = signedIn(marco);

        var note = danaBrowser.post("/conversations/" + conversation + "/notes",
                Map.of("body", "@" + marco.username() + " can you price the chairs? @" + dana.username() + " noted."));

        assertThat(note.statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(marcoBrowser).contains(">1<"));
        assertThat(count(danaBrowser)).as("mentioning yourself tells nobody").doesNotContain("class=\"count\"");
        assertThat(notifications.recent(priya.id())).isEmpty();
        var page = marcoBrowser.get("/notifications").body();
        assertThat(page).contains("Dana Notify mentioned you").contains("Quote for 40 chairs")
                .contains("can you price the chairs?").contains("notification unread");
        var id = notifications.recent(marco.id()).get(0).id();

        var opened = marcoBrowser.post("/notifications/" + id + "/open", Map.of());

        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location").orElseThrow())
                .matches(".*/conversations/" + conversation + "#note-\\d+");
        assertThat(count(marcoBrowser)).doesNotContain("class=\"count\"");
        assertThat(marcoBrowser.get("/notifications").body()).contains("notification read").contains("All read.");
        assertThat(danaBrowser.post("/notifications/" + id + "/open", Map.of()).statusCode())
                .as("someone else's notification").isEqualTo(404);
    }

    @Test
    void assigningAConversationOrAnOpportunityTellsTheNewOwnerButAClaimTellsNobody() {
        var conversation = newConversation("Demo for the Lisbon office");
        var claimedOne = newConversation("Pricing question");
        var dana = newUser("dana", Role.MANAGER);
        var marco = newUser("marco", Role.REP);
        var danaBrowser = signedIn(dana);
        var marcoBrowser = signedIn(marco);

        assertThat(danaBrowser.json("POST", "/api/v1/conversations/" + conversation + "/assign",
                "{\"userId\": " + marco.id() + ", \"reason\": \"You met them at the fair\"}").statusCode()).isEqualTo(200);
        assertThat(marcoBrowser.json("POST", "/api/v1/conversations/" + claimedOne + "/claim", null).statusCode())
                .isEqualTo(200);
        var created = danaBrowser.json("POST", "/api/v1/opportunities", """
                {"title": "Lisbon office desks", "currency": "EUR", "source": "mailbox",
                 "nextAction": "Send quote for 12 standing desks", "nextActionDue": "%s"}
                """.formatted(LocalDate.now().plusDays(2)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var opportunity = Long.parseLong(created.body().replaceAll("(?s)^\\{\"id\":(\\d+).*", "$1"));
        assertThat(danaBrowser.json("POST", "/api/v1/opportunities/" + opportunity + "/assign",
                "{\"userId\": " + marco.id() + "}").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> notifications.recent(marco.id()).size() == 2);
        var api = marcoBrowser.json("GET", "/api/v1/notifications", null);
        assertThat(api.body()).contains("\"unread\":2")
                .contains("\"kind\":\"conversation_assigned\"").contains("\"detail\":\"You met them at the fair\"")
                .contains("\"url\":\"/conversations/" + conversation + "\"")
                .contains("\"kind\":\"opportunity_assigned\"").contains("\"url\":\"/opportunities/" + opportunity + "\"")
                .doesNotContain("/conversations/" + claimedOne + "\"");
        assertThat(notifications.recent(dana.id())).as("nobody is told about their own actions").isEmpty();

        var readAll = marcoBrowser.json("POST", "/api/v1/notifications/read-all", null);

        assertThat(readAll.body()).isEqualTo("{\"marked\":2,\"unread\":0}");
    }

    @Test
    void theOwnerIsToldWhenTheCustomerWritesAgainButNotAboutOurOwnRepliesOrOldMail() {
        var marco = newUser("marco", Role.REP);
        var marcoBrowser = signedIn(marco);
        var first = ingest("first", "Anna Kowalski <anna." + run + "@kowalski-" + run + ".example>", null, Instant.now());
        var conversation = await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(first).orElse(null),
                c -> c != null);
        assertThat(marcoBrowser.json("POST", "/api/v1/conversations/" + conversation + "/claim", null).statusCode()).isEqualTo(200);

        ingest("ours", "Marco <" + SALES + ">", "first", Instant.now());
        ingest("old", "Anna Kowalski <anna." + run + "@kowalski-" + run + ".example>", "first",
                Instant.now().minus(Duration.ofDays(30)));
        var again = ingest("again", "Anna Kowalski <anna." + run + "@kowalski-" + run + ".example>", "first", Instant.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(again).isPresent()
                && !notifications.recent(marco.id()).isEmpty());
        var told = notifications.recent(marco.id());
        assertThat(told).hasSize(1);
        assertThat(told.get(0).headline()).isEqualTo("Anna Kowalski wrote again");
        assertThat(marcoBrowser.get("/notifications").body()).contains("Anna Kowalski wrote again", "Order " + run);
    }

    /** Stores a message through the ingestion path; {@code replyTo} is the key of the message it answers. */
    private long ingest(String key, String from, @Nullable String replyTo, Instant date) {
        var raw = ("From: " + from + "\r\nTo: " + SALES + "\r\nSubject: " + (replyTo == null ? "" : "Re: ") + "Order " + run
                + "\r\nMessage-ID: <" + key + "-" + run + "@mail.example>\r\n"
                + (replyTo == null ? "" : "In-Reply-To: <" + replyTo + "-" + run + "@mail.example>\r\n")
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atZone(ZoneOffset.UTC))
                + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAbout the order.\r\n").getBytes(StandardCharsets.UTF_8);
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw);
        assertThat(result.messageId()).as(result.toString()).isNotNull();
        var id = result.messageId();
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(id).isPresent());
        return id;
    }

    @Test
    void aRedeliveredEventTellsNobodyTwice() {
        var conversation = newConversation("Renewal of the support contract");
        var dana = newUser("dana", Role.MANAGER);
        var marco = newUser("marco", Role.REP);
        var note = new NoteAdded(actor(dana), conversation, 4242_000 + MESSAGE_IDS.incrementAndGet(), "@marco look",
                List.of(marco.username()), List.of(marco.id()));
        var assigned = new ConversationOwnerChanged(actor(dana), conversation, "assigned", null, null, marco.id(),
                marco.username(), null);
        var due = new TaskDue(77_000 + MESSAGE_IDS.incrementAndGet(), marco.id(), "Call Anna back", LocalDate.of(2026, 3, 11),
                null, "Europe/Berlin");

        for (int delivery = 0; delivery < 2; delivery++) {
            transactions.executeWithoutResult(status -> {
                listener.on(note);
                listener.on(assigned);
                listener.on(due);
            });
        }

        assertThat(notifications.recent(marco.id())).extracting(NotificationView::kind)
                .containsExactlyInAnyOrder(NotificationKind.MENTION, NotificationKind.CONVERSATION_ASSIGNED,
                        NotificationKind.TASK_DUE);
        assertThat(notifications.unreadCount(marco.id())).isEqualTo(3);

        notifications.markAllRead(marco.id());
        transactions.executeWithoutResult(status -> {
            listener.on(note);
            listener.on(due);
            listener.on(assigned);
        });

        assertThat(notifications.recent(marco.id())).as("an assignment after the last one was read is news again")
                .hasSize(4);
        assertThat(notifications.unreadCount(marco.id())).isEqualTo(1);
    }

    /**
     * A conversation merged away or a task deleted before the listener ran: the event tells nobody, and its
     * delivery completes instead of failing on a transaction the caught "not found" had marked rollback-only.
     */
    @Test
    void anEventAboutSomethingGoneTellsNobodyAndItsDeliveryCompletes() {
        var marco = newUser("marco", Role.REP);
        var dana = newUser("dana", Role.MANAGER);
        var gone = 987_654_000L + MESSAGE_IDS.incrementAndGet();
        var threaded = new MessageThreaded(gone, gone, false);
        var assigned = new TaskAssigned(actor(dana), gone, dana.id(), marco.id(), null, Map.of(), Map.of());

        transactions.executeWithoutResult(status -> {
            publisher.publishEvent(threaded);
            publisher.publishEvent(assigned);
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveries(gone, "COMPLETED") == 2);
        assertThat(deliveries(gone, "FAILED")).isZero();
        assertThat(notifications.recent(marco.id())).isEmpty();
    }

    private long deliveries(long id, String status) {
        return jdbc.sql("""
                        select count(*) from event_publication
                        where listener_id like 'org.opportune.notification.%' and serialized_event like :id and status = :status""")
                .param("id", "%" + id + "%").param("status", status).query(Long.class).single();
    }

    @Test
    void anEmptyListSaysWhatNotificationsAreFor() {
        var browser = signedIn(newUser("lena", Role.VIEWER));

        var page = browser.get("/notifications");
        var fragment = browser.getHtmx("/notifications");
        var readAll = browser.json("POST", "/api/v1/notifications/read-all", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("No notifications yet.").contains("mentions you in a note")
                .contains("id=\"notifications-link\"").contains("hx-get=\"/notifications/count\"");
        assertThat(fragment.body()).contains("No notifications yet.").doesNotContain("<html");
        assertThat(readAll.statusCode()).as("a viewer may mark their own read").isEqualTo(200);
    }

    private long newConversation(String subject) {
        var message = new MessageReceived(MESSAGE_IDS.incrementAndGet(), "n" + MESSAGE_IDS.get() + "." + run + "@mail.example",
                null, List.of(), subject, "anna@customer.example", null, List.of("anna@customer.example", SALES),
                Instant.parse("2026-05-04T09:00:00Z"), mailboxId);
        transactions.executeWithoutResult(status -> publisher.publishEvent(message));
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(message.messageId()).isPresent());
        return conversations.conversationOf(message.messageId()).orElseThrow();
    }

    private String count(Browser browser) {
        HttpResponse<String> response = browser.getHtmx("/notifications/count");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private UserView newUser(String name, Role role) {
        return identity.createUserWithPassword(Actor.system(), name + "-" + run, capitalised(name) + " Notify", null, role,
                PASSWORD, "test");
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Actor actor(UserView user) {
        return Actor.user(user.id(), user.username());
    }

    private Browser signedIn(UserView user) {
        var browser = new Browser(port);
        browser.signIn(user.username(), PASSWORD);
        browser.get("/");
        return browser;
    }
}
