package org.opportune.task.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import org.opportune.identity.IdentityProperties;
import org.opportune.identity.IdentityService;
import org.opportune.identity.security.SecurityConfig;
import org.opportune.shared.Actor;
import org.opportune.shared.SignedInUser;
import org.opportune.task.Assignee;
import org.opportune.task.BusinessCalendar;
import org.opportune.task.FollowUps;
import org.opportune.task.TaskBoard;
import org.opportune.task.TaskKind;
import org.opportune.task.TaskLink;
import org.opportune.task.TaskLinks;
import org.opportune.task.TaskService;
import org.opportune.task.TaskStatus;
import org.opportune.task.TaskView;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every task page and fragment rendered with the facade mocked, behind the real security rules. */
@WebMvcTest(TaskController.class)
@Import(SecurityConfig.class)
@EnableConfigurationProperties(IdentityProperties.class)
class TaskControllerTests {

    /** Wednesday 11 March 2026, 09:00 in Berlin. */
    private static final Instant NOW = Instant.parse("2026-03-11T08:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 11);
    private static final Actor REP = Actor.user(2, "priya");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    TaskService tasks;

    @MockitoBean
    FollowUps followUps;

    @MockitoBean
    IdentityService identity;

    @MockitoBean
    UserDetailsService userDetails;

    @BeforeEach
    void wednesday() {
        given(followUps.today()).willReturn(TODAY);
        given(followUps.now()).willReturn(NOW);
        given(followUps.calendar()).willReturn(BusinessCalendar.weekdays());
        given(followUps.zone()).willReturn(ZoneId.of("Europe/Berlin"));
        given(tasks.assignees()).willReturn(List.of(new Assignee(2, "priya", "Priya Shah"), new Assignee(3, "tom", "Tom Baker")));
    }

    @Test
    void myTasksShowsEachGroupWithQuickActions() throws Exception {
        given(tasks.boardOf(2)).willReturn(new TaskBoard(2, TODAY,
                List.of(task(1, "Call Anna about the quote", TODAY.minusDays(2), TaskStatus.OPEN)),
                List.of(task(2, "Send Ben the contract", TODAY, TaskStatus.OPEN)),
                List.of(task(3, "Chase the signed order", LocalDate.of(2026, 3, 20), TaskStatus.OPEN)),
                List.of(task(4, "Book the demo room", TODAY, TaskStatus.DONE))));

        mvc.perform(get("/tasks").with(signedIn("INBOX_VIEW", "INBOX_WORK")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("id=\"group-overdue\""), containsString("Call Anna about the quote"),
                        containsString("overdue, was due Mon 9 Mar 2026"),
                        containsString("id=\"group-today\""), containsString("Send Ben the contract"),
                        containsString("id=\"group-upcoming\""), containsString("Fri 20 Mar 2026"),
                        containsString("id=\"group-done\""), containsString("Reopen"),
                        // +1 business day from today for the overdue task, from its own date for the upcoming one
                        containsString("name=\"dueDate\" value=\"2026-03-12\""),
                        containsString("name=\"dueDate\" value=\"2026-03-23\""),
                        containsString("name=\"dueDate\" value=\"2026-03-16\""),
                        containsString("Reassign"), containsString("Add task"), containsString("Today is Wed 11 Mar 2026"))));
    }

    @Test
    void withHtmxOnlyTheBoardComes() throws Exception {
        given(tasks.boardOf(2)).willReturn(new TaskBoard(2, TODAY, List.of(), List.of(), List.of(), List.of()));

        mvc.perform(get("/tasks").header("HX-Request", "true").with(signedIn("INBOX_VIEW", "INBOX_WORK")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("You have no tasks"), not(containsString("<html")))));
    }

    @Test
    void aRepSeesNoReassignOnSomeoneElsesTaskAndCanOnlyCreateForThemselves() throws Exception {
        var colleagues = task(5, "Call Ben", TODAY, TaskStatus.OPEN, 3);
        given(tasks.boardOf(2)).willReturn(new TaskBoard(2, TODAY, List.of(), List.of(colleagues), List.of(), List.of()));

        mvc.perform(get("/tasks").with(signedIn("INBOX_VIEW", "INBOX_WORK")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Call Ben"), not(containsString("/tasks/5/reassign")),
                        containsString("<option value=\"2\""), not(containsString("<option value=\"3\"")))));
    }

    @Test
    void aViewerSeesTasksWithoutActionsAndCannotChangeThem() throws Exception {
        given(tasks.boardOf(2)).willReturn(new TaskBoard(2, TODAY, List.of(),
                List.of(task(2, "Send Ben the contract", TODAY, TaskStatus.OPEN)), List.of(), List.of()));

        mvc.perform(get("/tasks").with(signedIn("INBOX_VIEW")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Send Ben the contract"),
                        not(containsString("/complete")), not(containsString("Add task")))));
        mvc.perform(post("/tasks/2/complete").with(signedIn("INBOX_VIEW")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/tasks").param("title", "Call Anna").param("dueDate", "2026-03-12")
                        .with(signedIn("INBOX_VIEW")).with(csrf()))
                .andExpect(status().isForbidden());

        then(tasks).should(never()).complete(any(), anyLong(), any());
        then(tasks).should(never()).create(any(), any());
    }

    @Test
    void aDateThatIsNoDateComesBackNextToItsField() throws Exception {
        given(tasks.boardOf(2)).willReturn(new TaskBoard(2, TODAY, List.of(), List.of(), List.of(), List.of()));

        mvc.perform(post("/tasks").param("title", "Call Anna").param("dueDate", "12.03.2026").param("returnTo", "/tasks")
                        .with(signedIn("INBOX_VIEW", "INBOX_WORK")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"dueDate-error\""), containsString("YYYY-MM-DD"),
                        containsString("value=\"Call Anna\""), containsString("The task was not saved"))));

        then(tasks).should(never()).create(any(), any());
    }

    @Test
    void aCreatedTaskRedirectsOnlyWithinTheSite() throws Exception {
        given(tasks.create(any(), any())).willReturn(task(9, "Call Anna", TODAY, TaskStatus.OPEN));

        mvc.perform(post("/tasks").param("title", "Call Anna").param("dueIn", "2 business days")
                        .param("returnTo", "/conversations/7").with(signedIn("INBOX_VIEW", "INBOX_WORK")).with(csrf()))
                .andExpect(redirectedUrl("/conversations/7"));
        mvc.perform(post("/tasks").param("title", "Call Anna").param("dueIn", "2 business days")
                        .param("returnTo", "//evil.example/").with(signedIn("INBOX_VIEW", "INBOX_WORK")).with(csrf()))
                .andExpect(redirectedUrl("/tasks"));
    }

    @Test
    void theLinkedFragmentListsTheRecordsTasksWithAFormLinkedToIt() throws Exception {
        given(tasks.tasksLinkedTo(TaskLink.conversation(7))).willReturn(List.of(
                task(1, "Reply to Anna's question", TODAY, TaskStatus.OPEN),
                task(2, "Send the brochure", TODAY, TaskStatus.DONE)));

        mvc.perform(get("/tasks/fragment").param("conversation", "7").param("returnTo", "/conversations/7")
                        .header("HX-Request", "true").with(signedIn("INBOX_VIEW", "INBOX_WORK")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Reply to Anna's question"), containsString("1 open"),
                        containsString("name=\"linkType\" value=\"conversation\""), containsString("name=\"linkId\" value=\"7\""),
                        containsString("name=\"returnTo\" value=\"/conversations/7\""), not(containsString("<html")))));
    }

    @Test
    void theLinkedFragmentSaysWhatToDoWhenThereAreNoTasksAndNeedsARecord() throws Exception {
        given(tasks.tasksLinkedTo(TaskLink.opportunity(4))).willReturn(List.of());

        mvc.perform(get("/tasks/fragment").param("opportunity", "4").with(signedIn("INBOX_VIEW", "INBOX_WORK")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("No tasks for this opportunity yet")));
        mvc.perform(get("/tasks/fragment").with(signedIn("INBOX_VIEW", "INBOX_WORK")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void quickRescheduleSendsTheChosenDateAndComesBack() throws Exception {
        given(tasks.reschedule(any(), anyLong(), any(), any(), any())).willReturn(task(1, "Call Anna", TODAY.plusDays(1), TaskStatus.OPEN));

        mvc.perform(post("/tasks/1/reschedule").param("version", "3").param("dueDate", "2026-03-12").param("dueTime", "14:30")
                        .param("returnTo", "/tasks").with(signedIn("INBOX_VIEW", "INBOX_WORK")).with(csrf()))
                .andExpect(redirectedUrl("/tasks"));

        then(tasks).should().reschedule(REP, 1, org.opportune.task.Due.on(LocalDate.of(2026, 3, 12), LocalTime.of(14, 30)),
                null, 3);
    }

    private static TaskView task(long id, String title, LocalDate due, TaskStatus status) {
        return task(id, title, due, status, 2);
    }

    private static TaskView task(long id, String title, LocalDate due, TaskStatus status, long assignee) {
        return new TaskView(id, title, null, TaskKind.FOLLOW_UP, status, due, null, "Europe/Berlin",
                due.plusDays(1).atStartOfDay(ZoneId.of("Europe/Berlin")).toInstant(), assignee,
                assignee == 2 ? "Priya Shah" : "Tom Baker", 2L, NOW, NOW, status == TaskStatus.DONE ? NOW : null,
                status == TaskStatus.DONE ? 2L : null, null, null, TaskLinks.none(), 3);
    }

    private static RequestPostProcessor signedIn(String... authorities) {
        SignedInUser principal = new TestUser(REP.userId(), REP.name());
        return authentication(new UsernamePasswordAuthenticationToken(principal, null,
                java.util.Arrays.stream(authorities).map(SimpleGrantedAuthority::new).toList()));
    }

    private record TestUser(long userId, String username) implements SignedInUser {
        public String displayName() {
            return username;
        }
    }
}
