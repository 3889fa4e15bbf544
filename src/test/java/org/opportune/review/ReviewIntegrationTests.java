package org.opportune.review;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.opportune.conversation.ConversationService;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.identity.UserView;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailboxService;
import org.opportune.opportunity.NewOpportunity;
import org.opportune.opportunity.OpportunityService;
import org.opportune.opportunity.OpportunityView;
import org.opportune.opportunity.StageMove;
import org.opportune.shared.Actor;
import org.opportune.task.Due;
import org.opportune.task.TaskCommand;
import org.opportune.task.TaskLinks;
import org.opportune.task.TaskService;
import org.opportune.task.TaskView;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;
import org.opportune.testing.MutableClock;
import org.opportune.triage.TriageService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The review page over real data: conversations from mail through the ingestion path, opportunities and
 * tasks through their services, and a clock the tests move (from Monday 2 March 2026, 08:00 UTC) so that
 * next actions fall overdue and opportunities go stale. Browsers sign in after the clock moved.
 */
@IntegrationTest
@ReviewClock
class ReviewIntegrationTests {

    static final Instant MONDAY = ReviewClock.MONDAY;
    private static final String PASSWORD = "correct horse battery staple";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    IdentityService identity;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailIngestion ingestion;

    @Autowired
    ConversationService conversations;

    @Autowired
    TriageService triage;

    @Autowired
    OpportunityService opportunities;

    @Autowired
    TaskService tasks;

    private long mailboxId;
    private String run;

    @BeforeEach
    void setUp() {
        clock.set(MONDAY);
        mailboxId = mailboxes.ensureMailbox("sales@review-test.example").id();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void unassignedLeadsListBuyingSignalsAndUnownedOpportunitiesAndClaimingOneRemovesIt() {
        var rep = user(Role.REP);
        var browser = signedIn(rep);
        var before = count(browser.get("/review").body(), "unassigned-leads");
        var lead = deliver(plain("lead-" + run, "Lena Vogt <lena@northwind.example>", "Quote for 40 desks " + run,
                "Hello, can you send us a quote for 40 standing desks? Lena"));
        var unowned = opportunities.create(Actor.system(), unassigned("Walk-in lead " + run));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> section(browser.get("/review").body(), "unassigned-leads").contains("Quote for 40 desks " + run));

        var page = browser.get("/review").body();

        assertThat(section(page, "unassigned-leads")).contains("Quote for 40 desks " + run, "Walk-in lead " + run,
                "Buying signal", "/opportunities/new?conversation=" + lead);
        assertThat(count(page, "unassigned-leads")).isEqualTo(before + 2);
        assertThat(section(page, "customer-waiting")).contains("Quote for 40 desks " + run);

        var claimed = browser.post("/review/conversations/" + lead + "/claim", back("daily"));
        var afterClaim = browser.get("/review?preset=daily").body();

        assertThat(claimed.statusCode()).isEqualTo(302);
        assertThat(claimed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/review?preset=daily"));
        assertThat(afterClaim).contains("You own the conversation now.");
        assertThat(section(afterClaim, "unassigned-leads")).doesNotContain("Quote for 40 desks " + run)
                .contains("Walk-in lead " + run);
        assertThat(count(afterClaim, "unassigned-leads")).isEqualTo(before + 1);
        assertThat(section(afterClaim, "customer-waiting")).contains("Quote for 40 desks " + run);

        browser.post("/review/opportunities/" + unowned.id() + "/claim", back("daily"));

        assertThat(section(browser.get("/review").body(), "unassigned-leads")).doesNotContain("Walk-in lead " + run);
        assertThat(opportunities.opportunity(Actor.system(), unowned.id()).ownerId()).isEqualTo(rep.id());
    }

    @Test
    void aNonBuyingConversationIsNotALeadButTheCustomerWaitingOnUsIsShown() {
        var messageId = ingest(plain("news-" + run, "Newsletter <news@bulk-mailer.example>", "Our spring newsletter " + run,
                "Unsubscribe at any time. This month's news from our blog."));
        var conversationId = await().atMost(Duration.ofSeconds(30))
                .until(() -> conversations.conversationOf(messageId).orElse(null), c -> c != null);
        await().atMost(Duration.ofSeconds(30)).until(() -> triage.triage(messageId).isPresent());
        var browser = signedIn(user(Role.REP));

        var page = browser.get("/review").body();

        assertThat(triage.triage(messageId).orElseThrow().category().name()).isNotEqualTo("BUYING_SIGNAL");
        assertThat(section(page, "unassigned-leads")).doesNotContain("Our spring newsletter " + run);
        assertThat(section(page, "customer-waiting")).contains("/conversations/" + conversationId);
    }

    @Test
    void aRepSeesOnlyTheirOwnOverdueFollowUpsAndAManagerSeesEveryonesByOwner() {
        var anna = user(Role.REP);
        var ben = user(Role.REP);
        var manager = user(Role.MANAGER);
        opportunities.create(actor(anna), owned("Anna's desks " + run, 1));
        opportunities.create(actor(ben), owned("Ben's chairs " + run, 1));
        tasks.create(actor(anna), new TaskCommand("Send Anna's samples " + run, null, null,
                Due.on(LocalDate.parse("2026-03-03")), null, new TaskLinks(null, null, null, null)));
        clock.advance(Duration.ofDays(3));

        var annaPage = signedIn(anna).get("/review").body();
        var managerBrowser = signedIn(manager);
        var everyone = managerBrowser.get("/review").body();
        var bensOnly = managerBrowser.get("/review?owner=" + ben.id()).body();
        var annasOnly = managerBrowser.get("/review?owner=" + anna.id()).body();

        assertThat(section(annaPage, "overdue")).contains("Anna's desks " + run, "Send Anna's samples " + run, "2 d late")
                .doesNotContain("Ben's chairs " + run);
        assertThat(section(everyone, "overdue")).contains("Anna's desks " + run, "Ben's chairs " + run,
                "Send Anna's samples " + run);
        assertThat(section(bensOnly, "overdue")).contains("Ben's chairs " + run).doesNotContain("Anna's desks " + run);
        assertThat(count(bensOnly, "overdue")).isEqualTo(1);
        assertThat(count(annasOnly, "overdue")).isEqualTo(2);
        assertThat(everyone).contains("id=\"review-owner\"");
        assertThat(annaPage).doesNotContain("id=\"review-owner\"");
    }

    @Test
    void aVagueNextActionSetInPlaceIsRefusedWithTheReasonAndADatedOneTakesTheItemOff() {
        var anna = user(Role.REP);
        var late = opportunities.create(actor(anna), owned("Oak flooring " + run, 1));
        var task = tasks.create(actor(anna), new TaskCommand("Measure the hall " + run, null, null,
                Due.on(LocalDate.parse("2026-03-02")), null, new TaskLinks(late.id(), null, null, null)));
        clock.advance(Duration.ofDays(3));
        var browser = signedIn(anna);
        browser.get("/review");

        var vague = browser.post("/review/opportunities/" + late.id() + "/next-action",
                nextAction(late, "keep in touch", "2026-03-06"));

        assertThat(vague.statusCode()).isEqualTo(200);
        assertThat(item(vague.body(), "overdue-opportunity-" + late.id())).contains("is too vague: it does not say what will be done.");
        assertThat(section(vague.body(), "overdue")).contains("Oak flooring " + run);
        assertThat(opportunities.opportunity(actor(anna), late.id()).nextAction()).isEqualTo("Order samples of the oak flooring");

        var dated = browser.post("/review/opportunities/" + late.id() + "/next-action",
                nextAction(late, "Send the revised quote for the oak flooring", "2026-03-06"));
        var done = browser.post("/review/tasks/" + task.id() + "/complete", withVersion(task));
        var after = browser.get("/review").body();

        assertThat(dated.statusCode()).isEqualTo(302);
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(section(after, "overdue")).doesNotContain("Oak flooring " + run, "Measure the hall " + run);
        var updated = opportunities.opportunity(actor(anna), late.id());
        assertThat(updated.nextAction()).isEqualTo("Send the revised quote for the oak flooring");
        assertThat(updated.nextActionDue()).isEqualTo(LocalDate.parse("2026-03-06"));
        assertThat(tasks.task(task.id()).open()).isFalse();
    }

    @Test
    void anOverdueTaskIsRescheduledInPlace() {
        var anna = user(Role.REP);
        var task = tasks.create(actor(anna), new TaskCommand("Call the architect " + run, null, null,
                Due.on(LocalDate.parse("2026-03-02")), null, new TaskLinks(null, null, null, null)));
        clock.advance(Duration.ofDays(2));
        var browser = signedIn(anna);
        browser.get("/review");

        var past = browser.post("/review/tasks/" + task.id() + "/reschedule", with(withVersion(task), "dueDate", "2026-03-01"));
        var moved = browser.post("/review/tasks/" + task.id() + "/reschedule", with(withVersion(task), "dueDate", "2026-03-09"));

        assertThat(item(past.body(), "overdue-task-" + task.id())).contains("is in the past");
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(tasks.task(task.id()).dueDate()).isEqualTo(LocalDate.parse("2026-03-09"));
        assertThat(section(browser.get("/review").body(), "overdue")).doesNotContain("Call the architect " + run);
    }

    @Test
    void theWeeklyPresetAddsProposalsWaitingAndStaleOpportunitiesWhichCloseInPlaceWithAReason() {
        var anna = user(Role.REP);
        var manager = user(Role.MANAGER);
        var proposal = opportunities.create(actor(anna), owned("Proposal for 12 desks " + run, 2));
        proposal = opportunities.moveToStage(actor(anna), proposal.id(),
                new StageMove("proposal_sent", proposal.version(), null, null, null));
        var quiet = opportunities.create(actor(anna), owned("Quiet lamps deal " + run, 60));
        clock.advance(Duration.ofDays(31));
        var browser = signedIn(anna);

        var daily = browser.get("/review").body();
        var weekly = browser.get("/review?preset=weekly").body();
        var fragment = browser.getHtmx("/review?preset=weekly");
        var managerWeekly = signedIn(manager).get("/review?preset=weekly&owner=" + anna.id()).body();

        assertThat(daily).contains("id=\"queue-unassigned-leads\"", "id=\"queue-overdue\"", "id=\"queue-customer-waiting\"")
                .doesNotContain("id=\"queue-proposals-waiting\"", "id=\"queue-stale\"");
        assertThat(weekly).contains("id=\"queue-unassigned-leads\"", "id=\"queue-overdue\"", "id=\"queue-customer-waiting\"",
                "id=\"queue-proposals-waiting\"", "id=\"queue-stale\"");
        assertThat(fragment.body()).contains("id=\"queue-stale\"").doesNotContain("<html");
        assertThat(section(weekly, "proposals-waiting")).contains("Proposal for 12 desks " + run)
                .doesNotContain("Quiet lamps deal " + run);
        assertThat(section(weekly, "stale")).contains("Quiet lamps deal " + run, "Proposal for 12 desks " + run);
        assertThat(section(weekly, "overdue")).doesNotContain("Quiet lamps deal " + run);
        assertThat(count(managerWeekly, "proposals-waiting")).isEqualTo(1);
        assertThat(count(managerWeekly, "stale")).isEqualTo(2);

        var noReason = browser.post("/review/opportunities/" + quiet.id() + "/stage",
                with(with(back("weekly"), "version", Integer.toString(quiet.version())), "stage", "lost"));
        assertThat(item(noReason.body(), "stale-opportunity-" + quiet.id())).contains("Lost needs a reason");

        var lost = browser.post("/review/opportunities/" + quiet.id() + "/stage", with(with(with(back("weekly"),
                "version", Integer.toString(quiet.version())), "stage", "lost"), "lostReason", "no_budget"));
        var after = browser.get("/review?preset=weekly").body();

        assertThat(lost.statusCode()).isEqualTo(302);
        assertThat(lost.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/review?preset=weekly"));
        assertThat(section(after, "stale")).doesNotContain("Quiet lamps deal " + run);
        assertThat(opportunities.opportunity(actor(anna), quiet.id()).lostReason()).isEqualTo("no_budget");
    }

    @Test
    void aViewerSeesTheQueuesWithoutActionsAndCannotPostThem() {
        var lead = opportunities.create(Actor.system(), unassigned("Viewer lead " + run));
        var viewer = signedIn(user(Role.VIEWER));

        var page = viewer.get("/review").body();
        var claim = viewer.post("/review/opportunities/" + lead.id() + "/claim", back("daily"));

        assertThat(item(page, "unassigned-leads-opportunity-" + lead.id())).contains("Viewer lead " + run).doesNotContain("<form");
        assertThat(claim.statusCode()).isEqualTo(403);
    }

    // --- fixtures ---

    private NewOpportunity owned(String title, int dueInDays) {
        return new NewOpportunity(title, null, null, null, null, null, "mailbox", null, null, false, null,
                "Order samples of the oak flooring", LocalDate.parse("2026-03-02").plusDays(dueInDays), null, null, null);
    }

    private NewOpportunity unassigned(String title) {
        return new NewOpportunity(title, null, null, null, null, null, "mailbox", null, null, true, null,
                "Call the caller back about their desks", LocalDate.parse("2026-03-03"), null, null, null);
    }

    private static Map<String, String> back(String preset) {
        var form = new LinkedHashMap<String, String>();
        form.put("preset", preset);
        form.put("owner", "");
        return form;
    }

    private static Map<String, String> with(Map<String, String> form, String key, String value) {
        var copy = new LinkedHashMap<>(form);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, String> nextAction(OpportunityView o, String text, String due) {
        return with(with(with(back("daily"), "version", Integer.toString(o.version())), "nextAction", text),
                "nextActionDue", due);
    }

    private static Map<String, String> withVersion(TaskView task) {
        return with(back("daily"), "version", Integer.toString(task.version()));
    }

    /** The HTML of one queue's section. */
    private static String section(String page, String queue) {
        var start = page.indexOf("id=\"queue-" + queue + "\"");
        assertThat(start).as("queue %s on the page", queue).isNotNegative();
        var end = page.indexOf("</section>", start);
        return page.substring(start, end);
    }

    /** The HTML of one item (the first one with this id). */
    private static String item(String page, String id) {
        var start = page.indexOf("id=\"" + id + "\"");
        assertThat(start).as("item %s on the page", id).isNotNegative();
        var end = page.indexOf("</li>", start);
        return page.substring(start, end);
    }

    private static long count(String page, String queue) {
        var matcher = Pattern.compile("data-count=\"(\\d+)\"").matcher(section(page, queue));
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private UserView user(Role role) {
        var username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return identity.createUserWithPassword(Actor.system(), username, "Test " + username, null, role, PASSWORD, "test");
    }

    private static Actor actor(UserView user) {
        return Actor.user(user.id(), user.username());
    }

    private Browser signedIn(UserView user) {
        var browser = new Browser(port);
        browser.signIn(user.username(), PASSWORD);
        browser.get("/review");
        return browser;
    }

    private long ingest(String raw) {
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw.getBytes(StandardCharsets.UTF_8));
        assertThat(result.messageId()).as(result.toString()).isNotNull();
        return result.messageId();
    }

    private long deliver(String raw) {
        var messageId = ingest(raw);
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(messageId).isPresent());
        return conversations.conversationOf(messageId).orElseThrow();
    }

    private static String plain(String key, String from, String subject, String text) {
        return """
                From: %s
                To: sales@review-test.example
                Subject: %s
                Message-ID: <%s@review-test.example>
                Date: Mon, 2 Mar 2026 07:00:00 +0000
                Content-Type: text/plain; charset=utf-8

                %s
                """.formatted(from, subject, key, text).replace("\n", "\r\n");
    }
}
