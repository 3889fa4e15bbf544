package org.opportune.task;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.opportune.conversation.ConversationEvents.ConversationsMerged;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.identity.UserView;
import org.opportune.shared.Actor;
import org.opportune.task.TaskEvents.TaskDue;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;
import org.opportune.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks through the API and the pages, with a clock the tests set: Wednesday 11 March 2026, 09:00 in
 * Berlin, with Friday 13 March configured as a holiday.
 */
@IntegrationTest
@RecordApplicationEvents
@Import(TaskIntegrationTests.TestClock.class)
@TestPropertySource(properties = {"opportune.task.holidays=2026-03-13", "opportune.task.reminders=false"})
class TaskIntegrationTests {

    /** Wednesday 11 March 2026, 09:00 in Berlin. */
    static final Instant WEDNESDAY_9 = Instant.parse("2026-03-11T08:00:00Z");
    private static final String PASSWORD = "correct horse battery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(WEDNESDAY_9);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    TaskService tasks;

    @Autowired
    TaskReminders reminders;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void wednesdayMorning() {
        clock.set(WEDNESDAY_9);
    }

    @Test
    void createsTasksDueInBusinessDaysSkippingTheWeekendAndTheHoliday() {
        var rep = user(Role.REP);
        var browser = signedIn(rep);

        var written = browser.json("POST", "/api/v1/tasks", """
                {"title": "Send Anna the revised quote", "dueIn": "3 business days", "conversationId": 42}
                """);
        var counted = browser.json("POST", "/api/v1/tasks", """
                {"title": "Call Anna about the proposal", "dueInBusinessDays": 1, "dueFrom": "2026-03-12", "kind": "call"}
                """);

        assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
        var task = json(written);
        assertThat(task.get("dueDate").asString()).isEqualTo("2026-03-17");
        assertThat(task.get("zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(task.get("assigneeId").asLong()).isEqualTo(rep.id());
        assertThat(task.get("status").asString()).isEqualTo("open");
        assertThat(task.get("links").get("conversationId").asLong()).isEqualTo(42);
        assertThat(task.get("links").propertyNames()).containsExactlyInAnyOrder("opportunityId", "conversationId",
                "companyId", "contactId");
        assertThat(written.headers().firstValue("Location")).hasValue("/api/v1/tasks/" + task.get("id").asLong());
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(201);
        assertThat(json(counted).get("dueDate").asString()).isEqualTo("2026-03-16");
        assertThat(json(counted).get("kind").asString()).isEqualTo("call");
        assertThat(trail(task.get("id").asLong())).singleElement().satisfies(entry -> {
            assertThat(entry.get("action")).isEqualTo("task.created");
            assertThat(entry.get("after_json").toString()).contains("\"dueDate\":\"2026-03-17\"",
                    "\"title\":\"Send Anna the revised quote\"", "\"assignee\":\"" + rep.username() + "\"");
        });
    }

    @Test
    void refusesTasksWithoutAConcreteTitleOrAUsableDueDate() {
        var browser = signedIn(user(Role.REP));

        var blank = browser.json("POST", "/api/v1/tasks", "{\"title\": \"   \", \"dueDate\": \"2026-03-12\"}");
        var tooLong = browser.json("POST", "/api/v1/tasks",
                "{\"title\": \"" + "x".repeat(201) + "\", \"dueDate\": \"2026-03-12\"}");
        var noDue = browser.json("POST", "/api/v1/tasks", "{\"title\": \"Send the quote\"}");
        var past = browser.json("POST", "/api/v1/tasks", "{\"title\": \"Send the quote\", \"dueDate\": \"2026-03-10\"}");
        var vague = browser.json("POST", "/api/v1/tasks", "{\"title\": \"Send the quote\", \"dueIn\": \"soon\"}");
        var negative = browser.json("POST", "/api/v1/tasks", "{\"title\": \"Send the quote\", \"dueInBusinessDays\": -1}");
        var notADate = browser.json("POST", "/api/v1/tasks", "{\"title\": \"Send the quote\", \"dueDate\": \"12.03.2026\"}");

        assertThat(List.of(blank, tooLong, noDue, past, vague, negative, notADate))
                .allSatisfy(r -> {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
                    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
                });
        assertThat(json(blank).get("errors").get("title").asString()).contains("Say what is to be done");
        assertThat(json(tooLong).get("errors").get("title").asString()).contains("200 characters");
        assertThat(json(noDue).get("errors").get("dueDate").asString()).contains("Choose a due date");
        assertThat(json(past).get("errors").get("dueDate").asString()).contains("in the past");
        assertThat(json(vague).get("errors").get("dueIn").asString()).contains("3 business days");
        assertThat(json(negative).get("errors").get("dueInBusinessDays").asString()).contains("0 or more");
        assertThat(json(notADate).get("errors").get("dueDate").asString()).contains("YYYY-MM-DD");
    }

    @Test
    void rescheduleReassignCompleteAndReopenEachLandInTheTrailWithBeforeAndAfter() {
        var rep = user(Role.REP);
        var colleague = user(Role.REP);
        var browser = signedIn(rep);
        var other = signedIn(colleague);
        var id = create(browser, "Send Anna the revised quote", "2026-03-12");

        var rescheduled = browser.json("POST", "/api/v1/tasks/" + id + "/reschedule",
                "{\"dueDate\": \"2026-03-16\", \"dueTime\": \"14:30\", \"reason\": \"Anna is away until Monday\"}");
        var handedOver = browser.json("POST", "/api/v1/tasks/" + id + "/reassign",
                "{\"assigneeId\": " + colleague.id() + ", \"reason\": \"Tom knows the account\"}");
        var completed = other.json("POST", "/api/v1/tasks/" + id + "/complete", null);
        var reopened = other.json("POST", "/api/v1/tasks/" + id + "/reopen", "{}");
        var completedTwice = other.json("POST", "/api/v1/tasks/" + id + "/reopen", null);

        assertThat(rescheduled.statusCode()).as(rescheduled.body()).isEqualTo(200);
        assertThat(json(rescheduled).get("dueDate").asString()).isEqualTo("2026-03-16");
        assertThat(json(rescheduled).get("dueTime").asString()).startsWith("14:30");
        assertThat(handedOver.statusCode()).as(handedOver.body()).isEqualTo(200);
        assertThat(json(handedOver).get("assigneeId").asLong()).isEqualTo(colleague.id());
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertThat(json(completed).get("status").asString()).isEqualTo("done");
        assertThat(json(completed).get("completedBy").asLong()).isEqualTo(colleague.id());
        assertThat(reopened.statusCode()).isEqualTo(200);
        assertThat(json(reopened).get("status").asString()).isEqualTo("open");
        assertThat(completedTwice.statusCode()).isEqualTo(409);
        assertThat(json(completedTwice).get("detail").asString()).contains("open already");

        var trail = trail(id);
        assertThat(trail).extracting(e -> e.get("action")).containsExactly(
                "task.created", "task.rescheduled", "task.reassigned", "task.completed", "task.reopened");
        assertThat(trail.get(1).get("before_json").toString()).contains("\"dueDate\":\"2026-03-12\"", "\"dueTime\":null");
        assertThat(trail.get(1).get("after_json").toString())
                .contains("\"dueDate\":\"2026-03-16\"", "\"dueTime\":\"14:30\"", "\"reason\":\"Anna is away until Monday\"");
        assertThat(trail.get(1).get("actor_name")).isEqualTo(rep.username());
        assertThat(trail.get(2).get("before_json").toString())
                .contains("\"assignee\":\"" + rep.username() + "\"", "\"assigneeId\":" + rep.id());
        assertThat(trail.get(2).get("after_json").toString())
                .contains("\"assignee\":\"" + colleague.username() + "\"", "\"reason\":\"Tom knows the account\"");
        assertThat(trail.get(3).get("before_json").toString()).contains("\"status\":\"open\"");
        assertThat(trail.get(3).get("after_json").toString()).contains("\"status\":\"done\"");
        assertThat(trail.get(3).get("actor_name")).isEqualTo(colleague.username());
        assertThat(trail.get(4).get("after_json").toString()).contains("\"status\":\"open\"");
    }

    @Test
    void aStaleEditIsRefusedWithWhatChangedSinceAndOverwritesNothing() {
        var rep = user(Role.REP);
        var manager = user(Role.MANAGER);
        var browser = signedIn(rep);
        var managerBrowser = signedIn(manager);
        var id = create(browser, "Send Anna the revised quote", "2026-03-12");
        var seen = json(managerBrowser.json("GET", "/api/v1/tasks/" + id, null)).get("version").asInt();

        var renamed = browser.json("PATCH", "/api/v1/tasks/" + id,
                "{\"version\": " + seen + ", \"title\": \"Send Anna the quote with the 5% discount\"}");
        var moved = browser.json("POST", "/api/v1/tasks/" + id + "/reschedule",
                "{\"version\": " + json(renamed).get("version").asInt() + ", \"dueDate\": \"2026-03-18\"}");
        var stale = managerBrowser.json("PATCH", "/api/v1/tasks/" + id,
                "{\"version\": " + seen + ", \"notes\": \"Ask about delivery\", \"dueDate\": \"2026-03-20\"}");
        var staleComplete = managerBrowser.json("POST", "/api/v1/tasks/" + id + "/complete", "{\"version\": " + seen + "}");
        var withoutVersion = managerBrowser.json("PATCH", "/api/v1/tasks/" + id, "{\"notes\": \"Ask about delivery\"}");
        var after = json(managerBrowser.json("GET", "/api/v1/tasks/" + id, null));

        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).get("version").asInt()).isGreaterThan(seen);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(stale.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        var problem = json(stale);
        assertThat(problem.get("detail").asString()).contains("Someone changed this task", "Nothing was saved");
        assertThat(problem.get("seenVersion").asInt()).isEqualTo(seen);
        assertThat(problem.get("currentVersion").asInt()).isEqualTo(json(moved).get("version").asInt());
        var changes = problem.get("changes");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).get("field").asString()).isEqualTo("title");
        assertThat(changes.get(0).get("from").asString()).isEqualTo("Send Anna the revised quote");
        assertThat(changes.get(0).get("to").asString()).isEqualTo("Send Anna the quote with the 5% discount");
        assertThat(changes.get(0).get("by").asString()).isEqualTo(rep.username());
        assertThat(changes.get(1).get("field").asString()).isEqualTo("dueDate");
        assertThat(changes.get(1).get("from").asString()).isEqualTo("2026-03-12");
        assertThat(changes.get(1).get("to").asString()).isEqualTo("2026-03-18");
        assertThat(staleComplete.statusCode()).isEqualTo(409);
        assertThat(withoutVersion.statusCode()).isEqualTo(400);
        assertThat(json(withoutVersion).get("errors").get("version").asString()).contains("version");
        assertThat(after.get("title").asString()).isEqualTo("Send Anna the quote with the 5% discount");
        assertThat(after.get("dueDate").asString()).isEqualTo("2026-03-18");
        assertThat(after.get("notes").isNull()).isTrue();
        assertThat(after.get("status").asString()).isEqualTo("open");
        assertThat(trail(id)).extracting(e -> e.get("action")).containsExactly("task.created", "task.edited", "task.rescheduled");
    }

    @Test
    void reassigningToAnInactiveUnknownOrReadOnlyUserIsRefusedWithAClearMessage() {
        var rep = user(Role.REP);
        var gone = user(Role.REP);
        identity.deactivate(Actor.system(), gone.id());
        var viewer = user(Role.VIEWER);
        var browser = signedIn(rep);
        var id = create(browser, "Send Anna the revised quote", "2026-03-12");

        var toInactive = browser.json("POST", "/api/v1/tasks/" + id + "/reassign", "{\"assigneeId\": " + gone.id() + "}");
        var toUnknown = browser.json("POST", "/api/v1/tasks/" + id + "/reassign", "{\"assigneeId\": 987654}");
        var toViewer = browser.json("POST", "/api/v1/tasks/" + id + "/reassign", "{\"assigneeId\": " + viewer.id() + "}");
        var toNobody = browser.json("POST", "/api/v1/tasks/" + id + "/reassign", "{}");
        var createdForInactive = browser.json("POST", "/api/v1/tasks",
                "{\"title\": \"Call Anna\", \"dueDate\": \"2026-03-12\", \"assigneeId\": " + gone.id() + "}");

        assertThat(toInactive.statusCode()).isEqualTo(400);
        assertThat(json(toInactive).get("errors").get("assigneeId").asString())
                .contains(gone.username(), "is deactivated", "Choose an active colleague");
        assertThat(toUnknown.statusCode()).isEqualTo(400);
        assertThat(json(toUnknown).get("errors").get("assigneeId").asString()).contains("no user with id 987654");
        assertThat(toViewer.statusCode()).isEqualTo(400);
        assertThat(json(toViewer).get("errors").get("assigneeId").asString()).contains("cannot work on tasks");
        assertThat(toNobody.statusCode()).isEqualTo(400);
        assertThat(createdForInactive.statusCode()).isEqualTo(400);
        assertThat(json(createdForInactive).get("errors").get("assigneeId").asString()).contains("is deactivated");
        assertThat(tasks.task(id).assigneeId()).isEqualTo(rep.id());
        assertThat(trail(id)).extracting(e -> e.get("action")).containsExactly("task.created");
    }

    @Test
    void handingOverSomeoneElsesTaskNeedsWorkAssign() {
        var rep = user(Role.REP);
        var colleague = user(Role.REP);
        var manager = user(Role.MANAGER);
        var repBrowser = signedIn(rep);
        var managerBrowser = signedIn(manager);
        var colleaguesTask = create(signedIn(colleague), "Call Ben about the renewal", "2026-03-12");

        var byRep = repBrowser.json("POST", "/api/v1/tasks/" + colleaguesTask + "/reassign", "{\"assigneeId\": " + rep.id() + "}");
        var repCreatesForColleague = repBrowser.json("POST", "/api/v1/tasks",
                "{\"title\": \"Call Ben\", \"dueDate\": \"2026-03-12\", \"assigneeId\": " + colleague.id() + "}");
        var byManager = managerBrowser.json("POST", "/api/v1/tasks/" + colleaguesTask + "/reassign",
                "{\"assigneeId\": " + rep.id() + ", \"reason\": \"Ben is on holiday\"}");
        var managerCreatesForRep = managerBrowser.json("POST", "/api/v1/tasks",
                "{\"title\": \"Call Ben\", \"dueDate\": \"2026-03-12\", \"assigneeId\": " + colleague.id() + "}");

        assertThat(byRep.statusCode()).isEqualTo(403);
        assertThat(json(byRep).get("detail").asString()).contains("cannot reassign a task that is not yours");
        assertThat(repCreatesForColleague.statusCode()).isEqualTo(403);
        assertThat(byManager.statusCode()).as(byManager.body()).isEqualTo(200);
        assertThat(json(byManager).get("assigneeId").asLong()).isEqualTo(rep.id());
        assertThat(managerCreatesForRep.statusCode()).isEqualTo(201);
        assertThat(json(managerCreatesForRep).get("assigneeId").asLong()).isEqualTo(colleague.id());
    }

    @Test
    void aViewerReadsTasksButCannotChangeThem() {
        var rep = user(Role.REP);
        var viewer = user(Role.VIEWER);
        var created = signedIn(rep).json("POST", "/api/v1/tasks",
                "{\"title\": \"Send Anna the revised quote\", \"dueDate\": \"2026-03-12\", \"conversationId\": 901}");
        var id = json(created).get("id").asLong();
        var browser = signedIn(viewer);
        // the session's CSRF token works: a viewer may change their own display name
        var ownName = browser.post("/account/name", Map.of("displayName", "Lena Viewer"));
        browser.get("/tasks");

        var list = browser.json("GET", "/api/v1/tasks?assignee=" + rep.id(), null);
        var one = browser.json("GET", "/api/v1/tasks/" + id, null);
        var page = browser.get("/tasks");
        var fragment = browser.getHtmx("/tasks/fragment?conversation=901");
        var changes = List.of(
                browser.json("POST", "/api/v1/tasks", "{\"title\": \"Call Anna\", \"dueDate\": \"2026-03-12\"}"),
                browser.json("PATCH", "/api/v1/tasks/" + id, "{\"version\": 1, \"title\": \"Mine now\"}"),
                browser.json("POST", "/api/v1/tasks/" + id + "/complete", null),
                browser.json("POST", "/api/v1/tasks/" + id + "/reopen", null),
                browser.json("POST", "/api/v1/tasks/" + id + "/cancel", null),
                browser.json("POST", "/api/v1/tasks/" + id + "/reschedule", "{\"dueDate\": \"2026-03-20\"}"),
                browser.json("POST", "/api/v1/tasks/" + id + "/reassign", "{\"assigneeId\": " + viewer.id() + "}"));
        var form = browser.post("/tasks/" + id + "/complete", Map.of());

        assertThat(ownName.statusCode()).isEqualTo(302);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Send Anna the revised quote");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("You have no tasks").doesNotContain("Add task");
        assertThat(fragment.body()).contains("Send Anna the revised quote").doesNotContain("Add task", "/complete", "/reassign");
        assertThat(changes).extracting(HttpResponse::statusCode).containsOnly(403);
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(tasks.task(id).title()).isEqualTo("Send Anna the revised quote");
        assertThat(tasks.task(id).open()).isTrue();
        assertThat(trail(id)).extracting(e -> e.get("action")).containsExactly("task.created");
    }

    @Test
    void overdueAndDueTodayFollowTheClockInTheBusinessTimeZone() {
        var rep = user(Role.REP);
        var browser = signedIn(rep);
        var timed = create(browser, "Call Anna at ten", "2026-03-11", "10:00");
        var allDay = create(browser, "Send Anna the quote today", "2026-03-11");
        var tomorrow = create(browser, "Send Ben the contract", "2026-03-12");

        var nine = tasks.boardOf(rep.id());
        clock.set(Instant.parse("2026-03-11T09:30:00Z")); // 10:30 in Berlin
        var halfPastTen = tasks.boardOf(rep.id());
        var overdueAtTen = browser.json("GET", "/api/v1/tasks?assignee=me&overdue=true", null);
        clock.set(Instant.parse("2026-03-11T23:30:00Z")); // 00:30 on Thursday in Berlin, still Wednesday in UTC
        var afterMidnight = tasks.boardOf(rep.id());
        var overdueAfterMidnight = browser.json("GET", "/api/v1/tasks?assignee=me&overdue=true", null);
        var notOverdue = browser.json("GET", "/api/v1/tasks?assignee=me&overdue=false", null);
        var page = browser.get("/tasks");

        assertThat(ids(nine.overdue())).isEmpty();
        assertThat(ids(nine.dueToday())).containsExactly(timed, allDay);
        assertThat(ids(nine.upcoming())).containsExactly(tomorrow);
        assertThat(ids(halfPastTen.overdue())).containsExactly(timed);
        assertThat(ids(halfPastTen.dueToday())).containsExactly(allDay);
        assertThat(ids(json(overdueAtTen))).containsExactly(timed);
        assertThat(afterMidnight.today()).hasToString("2026-03-12");
        assertThat(ids(afterMidnight.overdue())).containsExactlyInAnyOrder(timed, allDay);
        assertThat(ids(afterMidnight.dueToday())).containsExactly(tomorrow);
        assertThat(ids(json(overdueAfterMidnight))).containsExactlyInAnyOrder(timed, allDay);
        assertThat(ids(json(notOverdue))).containsExactly(tomorrow);
        assertThat(tasks.overdueCount(rep.id())).isEqualTo(2);
        assertThat(tasks.attentionCount(rep.id())).isEqualTo(3);
        assertThat(tasks.overdueCountsByAssignee()).containsEntry(rep.id(), 2L);
        assertThat(section(page.body(), "group-overdue")).contains("Call Anna at ten", "Send Anna the quote today")
                .doesNotContain("Send Ben the contract");
        assertThat(section(page.body(), "group-today")).contains("Send Ben the contract");
    }

    @Test
    void announcesEachTaskOnceWhenItFallsDueAndAgainAfterRescheduling(ApplicationEvents events) {
        var rep = user(Role.REP);
        var browser = signedIn(rep);
        var timed = create(browser, "Call Anna at eleven", "2026-03-11", "11:00");
        var thursday = create(browser, "Send Ben the contract", "2026-03-12");

        clock.set(Instant.parse("2026-03-11T10:01:00Z")); // 11:01 in Berlin
        reminders.announceDue();
        reminders.announceDue();
        clock.set(Instant.parse("2026-03-11T23:01:00Z")); // 00:01 on Thursday in Berlin
        reminders.announceDue();
        tasks.reschedule(Actor.system(), timed, Due.on(java.time.LocalDate.of(2026, 3, 12), java.time.LocalTime.of(9, 0)), null, null);
        clock.set(Instant.parse("2026-03-12T08:01:00Z"));
        reminders.announceDue();

        assertThat(events.stream(TaskDue.class).filter(e -> e.assigneeId() == rep.id()).map(TaskDue::taskId))
                .containsExactly(timed, thursday, timed);
    }

    @Test
    void thePagesShowTheTasksAndCreateCompleteAndRescheduleThroughForms() {
        var rep = user(Role.REP);
        var browser = signedIn(rep);
        var empty = browser.get("/tasks");

        var refused = browser.post("/tasks", Map.of("title", " ", "dueIn", "3 business days", "returnTo", "/tasks"));
        var created = browser.post("/tasks", Map.of("title", "Send Anna the revised quote", "dueIn", "2 business days",
                "kind", "follow_up", "assigneeId", Long.toString(rep.id()), "linkType", "conversation", "linkId", "77",
                "returnTo", "/tasks"));
        var id = tasks.tasksLinkedTo(TaskLink.conversation(77)).stream().filter(t -> t.assigneeId() == rep.id())
                .findFirst().orElseThrow().id();
        var page = browser.get("/tasks");
        var fragment = browser.getHtmx("/tasks/fragment?conversation=77&returnTo=/conversations/77");
        var board = browser.getHtmx("/tasks");
        var plusOne = browser.post("/tasks/" + id + "/reschedule", Map.of("version", Integer.toString(tasks.task(id).version()),
                "dueDate", "2026-03-17", "returnTo", "/conversations/77"));
        browser.get("/tasks");
        var done = browser.post("/tasks/" + id + "/complete", Map.of("version", Integer.toString(tasks.task(id).version()),
                "returnTo", "https://evil.example/"));
        var afterwards = browser.get("/tasks");

        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("You have no tasks", "Add task");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"title-error\"", "Say what is to be done", "value=\"3 business days\"");
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(page.body()).contains("Send Anna the revised quote", "conversation #77", "+1 business day", "Next Monday");
        assertThat(section(page.body(), "group-upcoming")).contains("Send Anna the revised quote", "Mon 16 Mar 2026");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).contains("Send Anna the revised quote", "1 open", "name=\"returnTo\" value=\"/conversations/77\"")
                .doesNotContain("<html");
        assertThat(board.body()).contains("group-upcoming").doesNotContain("<html");
        assertThat(plusOne.statusCode()).isEqualTo(302);
        assertThat(plusOne.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/conversations/77"));
        assertThat(tasks.task(id).dueDate()).hasToString("2026-03-17");
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/tasks").doesNotContain("evil"));
        assertThat(tasks.task(id).status()).isEqualTo(TaskStatus.DONE);
        assertThat(section(afterwards.body(), "group-done")).contains("Send Anna the revised quote", "Reopen");
        assertThat(trail(id)).extracting(e -> e.get("action")).containsExactly("task.created", "task.rescheduled", "task.completed");
    }

    @Test
    void aStaleQuickActionOnThePageSaysWhatChangedAndLeavesTheTaskAlone() {
        var rep = user(Role.REP);
        var browser = signedIn(rep);
        var id = create(browser, "Send Anna the revised quote", "2026-03-12");
        var seen = tasks.task(id).version();
        tasks.reschedule(Actor.system(), id, Due.on(java.time.LocalDate.of(2026, 3, 19)), "customer asked", null);
        browser.get("/tasks");

        var completed = browser.post("/tasks/" + id + "/complete", Map.of("version", Integer.toString(seen), "returnTo", "/tasks"));
        var shown = browser.get(completed.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""));

        assertThat(completed.statusCode()).isEqualTo(302);
        assertThat(shown.body()).contains("Someone changed this task", "dueDate 2026-03-12 → 2026-03-19 (system)");
        assertThat(tasks.task(id).status()).isEqualTo(TaskStatus.OPEN);
    }

    @Test
    void tasksFollowTheirConversationWhenItIsMergedIntoAnother() {
        var rep = user(Role.REP);
        var id = create(signedIn(rep), "Reply to Anna's question", "2026-03-12");
        var linked = tasks.edit(Actor.system(), id, new TaskEdit(tasks.task(id).version(), null, null, null, null, null,
                false, null, 501L, null, null));

        transactions.executeWithoutResult(status -> publisher.publishEvent(
                new ConversationsMerged(Actor.system(), 502, 501, 1, 1, 2)));

        assertThat(linked.links().conversationId()).isEqualTo(501L);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(tasks.task(id).links().conversationId()).isEqualTo(502L));
    }

    // --- fixtures ---

    private UserView user(Role role) {
        var username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return identity.createUserWithPassword(Actor.system(), username, "Test " + username, null, role, PASSWORD, "test");
    }

    private Browser signedIn(UserView user) {
        var browser = new Browser(port);
        browser.signIn(user.username(), PASSWORD);
        browser.get("/tasks");
        return browser;
    }

    private long create(Browser browser, String title, String dueDate) {
        return create(browser, title, dueDate, null);
    }

    private long create(Browser browser, String title, String dueDate, String dueTime) {
        var body = "{\"title\": \"" + title + "\", \"dueDate\": \"" + dueDate + "\""
                + (dueTime == null ? "" : ", \"dueTime\": \"" + dueTime + "\"") + "}";
        var response = browser.json("POST", "/api/v1/tasks", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asLong();
    }

    private List<Map<String, Object>> trail(long taskId) {
        return jdbc.sql("""
                        select action, actor_name, before_json, after_json from activity_entries
                        where subject_type = 'task' and subject_id = :id order by id
                        """)
                .param("id", Long.toString(taskId)).query().listOfRows();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static List<Long> ids(List<TaskView> views) {
        return views.stream().map(TaskView::id).toList();
    }

    private static List<Long> ids(JsonNode array) {
        var ids = new java.util.ArrayList<Long>();
        array.forEach(node -> ids.add(node.get("id").asLong()));
        return ids;
    }

    /** The markup of the section with that id, up to the next section. */
    private static String section(String html, String id) {
        var start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as("section " + id).isGreaterThanOrEqualTo(0);
        var end = html.indexOf("</section>", start);
        return html.substring(start, end);
    }
}
