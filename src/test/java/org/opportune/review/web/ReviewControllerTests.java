package org.opportune.review.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import org.opportune.conversation.ConversationWork;
import org.opportune.conversation.InboxRow;
import org.opportune.identity.IdentityProperties;
import org.opportune.identity.IdentityService;
import org.opportune.identity.security.SecurityConfig;
import org.opportune.opportunity.AssignableUser;
import org.opportune.opportunity.OpportunityRuleException;
import org.opportune.opportunity.OpportunityService;
import org.opportune.opportunity.OpportunityView;
import org.opportune.opportunity.PipelineService;
import org.opportune.opportunity.Source;
import org.opportune.opportunity.StageKind;
import org.opportune.opportunity.StageView;
import org.opportune.review.Preset;
import org.opportune.review.Queue;
import org.opportune.review.ReviewBoard;
import org.opportune.review.ReviewQueue;
import org.opportune.review.ReviewScope;
import org.opportune.review.ReviewService;
import org.opportune.shared.Actor;
import org.opportune.shared.SignedInUser;
import org.opportune.task.TaskKind;
import org.opportune.task.TaskLinks;
import org.opportune.task.TaskService;
import org.opportune.task.TaskStatus;
import org.opportune.task.TaskView;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
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

/** The review page and its HTMX fragments with the services mocked, behind the real security rules. */
@WebMvcTest(ReviewController.class)
@Import({SecurityConfig.class, ReviewControllerTests.FixedClock.class})
@EnableConfigurationProperties(IdentityProperties.class)
class ReviewControllerTests {

    private static final Instant NOW = Instant.parse("2026-03-05T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 5);
    private static final Actor REP = Actor.user(2, "priya");

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ReviewService review;

    @MockitoBean
    ConversationWork work;

    @MockitoBean
    OpportunityService opportunities;

    @MockitoBean
    PipelineService pipeline;

    @MockitoBean
    TaskService tasks;

    @MockitoBean
    IdentityService identity;

    @MockitoBean
    UserDetailsService userDetails;

    @BeforeEach
    void queues() {
        given(opportunities.assignableUsers()).willReturn(List.of(new AssignableUser(2, "priya", "Priya Shah"),
                new AssignableUser(3, "tom", "Tom Baker")));
        given(opportunities.lostReasons()).willReturn(Map.of("price", "Price too high"));
        given(pipeline.activeStages()).willReturn(List.of(new StageView("new_lead", "New lead", 10, StageKind.OPEN, 10, true),
                new StageView("lost", "Lost/closed", 70, StageKind.LOST, 0, true)));
        given(review.board(any(), any(), eq(Preset.DAILY))).willReturn(board(Preset.DAILY));
        given(review.board(any(), any(), eq(Preset.WEEKLY))).willReturn(board(Preset.WEEKLY));
    }

    @Test
    void theDailyReviewShowsItsQueuesWithCountsActionsAndEmptyStates() throws Exception {
        mvc.perform(get("/review").with(signedIn("INBOX_VIEW", "INBOX_WORK", "PIPELINE_VIEW")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<html"), containsString("id=\"queue-unassigned-leads\""),
                        containsString("data-count=\"1\""), containsString("Quote for 40 desks"),
                        containsString("/review/conversations/7/claim"), containsString("/opportunities/new?conversation=7"),
                        containsString("Oak flooring"), containsString("2 d late"),
                        containsString("hx-get=\"/review/opportunities/12/forms?queue=overdue&amp;preset=daily\""),
                        containsString("<summary>Assign, next action</summary>"), not(containsString("/review/opportunities/12/next-action")),
                        containsString(Queue.CUSTOMER_WAITING.empty()), not(containsString("id=\"queue-stale\"")),
                        not(containsString("id=\"review-owner\"")), not(containsString("style=")),
                        not(containsString("<script>")))));
        then(review).should().board(REP, new ReviewScope(2, false, true, null), Preset.DAILY);
    }

    @Test
    void anItemsFormsComeIntoThePageWhenOpenedAndOnAPageOfTheirOwnWithoutJavaScript() throws Exception {
        given(opportunities.opportunity(REP, 12)).willReturn(opportunity(12, "Oak flooring"));
        given(opportunities.today()).willReturn(TODAY);

        mvc.perform(get("/review/opportunities/12/forms").param("queue", "stale").param("preset", "weekly")
                        .header("HX-Request", "true").with(signedIn("INBOX_VIEW", "INBOX_WORK", "PIPELINE_VIEW")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("<html")),
                        containsString("hx-post=\"/review/opportunities/12/next-action\""),
                        containsString("hx-post=\"/review/opportunities/12/stage\""), containsString("Price too high"),
                        containsString("name=\"preset\" value=\"weekly\""), containsString("name=\"version\" value=\"4\""))));
        mvc.perform(get("/review/opportunities/12/forms").param("queue", "stale").param("preset", "weekly")
                        .with(signedIn("INBOX_VIEW", "INBOX_WORK", "PIPELINE_VIEW")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<html"), containsString("Oak flooring"),
                        containsString("action=\"/review/opportunities/12/next-action\""),
                        containsString("action=\"/review/opportunities/12/stage\""), not(containsString("hx-post")),
                        containsString("href=\"/review?preset=weekly\""))));
        then(review).should(never()).board(any(), any(), any());
    }

    @Test
    void withHtmxOnlyTheQueuesCome() throws Exception {
        mvc.perform(get("/review").param("preset", "weekly").header("HX-Request", "true")
                        .with(signedIn("INBOX_VIEW", "INBOX_WORK", "PIPELINE_VIEW")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"review-queues\""), containsString("id=\"queue-stale\""),
                        not(containsString("<html")))));
    }

    @Test
    void aManagerChoosesWhoseItemsToSee() throws Exception {
        mvc.perform(get("/review").param("owner", "3")
                        .with(signedIn("INBOX_VIEW", "INBOX_WORK", "PIPELINE_VIEW", "WORK_ASSIGN", "TEAM_REVIEW")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"review-owner\""),
                        containsString("<option value=\"3\" selected>Tom Baker</option>"))));
        then(review).should().board(REP, new ReviewScope(2, true, true, 3L), Preset.DAILY);
    }

    @Test
    void aVagueNextActionIsRefusedNextToItsItemInTheFragment() throws Exception {
        given(opportunities.update(eq(REP), eq(12L), any())).willThrow(OpportunityRuleException.of("nextAction",
                "'keep in touch' is too vague: it does not say what will be done."));

        mvc.perform(post("/review/opportunities/12/next-action").param("version", "4").param("nextAction", "keep in touch")
                        .param("nextActionDue", "2026-03-06").param("preset", "daily").header("HX-Request", "true")
                        .with(signedIn("INBOX_VIEW", "INBOX_WORK", "PIPELINE_VIEW")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(not(containsString("<html")), containsString("role=\"alert\""),
                        containsString("is too vague: it does not say what will be done."),
                        containsString("Nothing was changed"))));
    }

    @Test
    void aClaimWithHtmxAnswersWithTheQueuesAndAConfirmation() throws Exception {
        mvc.perform(post("/review/conversations/7/claim").param("preset", "daily").header("HX-Request", "true")
                        .with(signedIn("INBOX_VIEW", "INBOX_WORK", "PIPELINE_VIEW")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("You own the conversation now."),
                        containsString("id=\"review-queues\""), not(containsString("<html")))));
        then(work).should().claim(REP, 7);
    }

    @Test
    void withoutJavaScriptAnActionRedirectsBackToTheSameReview() throws Exception {
        given(tasks.complete(REP, 5, 1)).willReturn(new TaskView(5, "Measure the hall", null, TaskKind.FOLLOW_UP,
                TaskStatus.DONE, TODAY, null, "UTC", NOW, 2, "Priya Shah", 2L, NOW, NOW, NOW, 2L, null, null,
                TaskLinks.none(), 2));

        mvc.perform(post("/review/tasks/5/complete").param("version", "1").param("preset", "weekly").param("owner", "")
                        .with(signedIn("INBOX_VIEW", "INBOX_WORK", "PIPELINE_VIEW")).with(csrf()))
                .andExpect(redirectedUrl("/review?preset=weekly"));
        then(tasks).should().complete(REP, 5, 1);
    }

    @Test
    void aManagersActionRedirectsBackToTheOwnerTheyChose() throws Exception {
        given(opportunities.claim(REP, 12)).willReturn(opportunity(12, "Oak flooring"));

        mvc.perform(post("/review/opportunities/12/claim").param("preset", "weekly").param("owner", "3")
                        .with(signedIn("INBOX_VIEW", "INBOX_WORK", "PIPELINE_VIEW", "WORK_ASSIGN", "TEAM_REVIEW")).with(csrf()))
                .andExpect(redirectedUrl("/review?preset=weekly&owner=3"));
        mvc.perform(post("/review/opportunities/12/claim").param("preset", "nonsense").param("owner", "3")
                        .with(signedIn("INBOX_VIEW", "INBOX_WORK", "PIPELINE_VIEW")).with(csrf()))
                .andExpect(redirectedUrl("/review?preset=daily"));
    }

    @Test
    void aViewerSeesNoActionsAndCannotPostThem() throws Exception {
        mvc.perform(get("/review").with(signedIn("INBOX_VIEW", "PIPELINE_VIEW")))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Oak flooring"), not(containsString("/claim\"")),
                        not(containsString("/next-action\"")))));
        mvc.perform(post("/review/conversations/7/claim").with(signedIn("INBOX_VIEW", "PIPELINE_VIEW")).with(csrf()))
                .andExpect(status().isForbidden());
        then(work).should(never()).claim(any(), anyLong());
    }

    private static ReviewBoard board(Preset preset) {
        var lead = new InboxRow(7, "Quote for 40 desks", 1, NOW.minusSeconds(3600), null, false, true, "buying_signal", 70);
        var queues = preset.queues().stream().map(queue -> switch (queue) {
            case UNASSIGNED_LEADS -> new ReviewQueue(queue, 1, List.of(lead), List.of(), List.of());
            case OVERDUE -> new ReviewQueue(queue, 1, List.of(), List.of(opportunity(12, "Oak flooring")), List.of());
            default -> new ReviewQueue(queue, 0, List.of(), List.of(), List.of());
        }).toList();
        return new ReviewBoard(preset, queues, Map.of(2L, "Priya Shah"), TODAY, 30);
    }

    private static OpportunityView opportunity(long id, String title) {
        return new OpportunityView(id, title, null, null, null, null, null, null, true, "EUR", Source.MAILBOX, null, 2L,
                "Priya Shah", "qualified", "Qualified", StageKind.OPEN, "Order samples", TODAY.minusDays(2), true, null, 25,
                false, null, null, null, null, null, NOW.minusSeconds(86400 * 3), NOW.minusSeconds(86400 * 3), 4);
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
