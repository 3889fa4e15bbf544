package org.opportune.review;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.identity.UserView;
import org.opportune.opportunity.NewOpportunity;
import org.opportune.opportunity.OpportunityService;
import org.opportune.opportunity.OpportunityView;
import org.opportune.shared.Actor;
import org.opportune.testing.Chromium;
import org.opportune.testing.IntegrationTest;
import org.opportune.testing.MutableClock;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review page keeps each item's forms out of the page until the person opens them: in a real browser the
 * forms come into the item (HTMX) and act in place; with JavaScript off the same <details> leads to the forms
 * on a page of their own, which come back to the review.
 */
@IntegrationTest
@ReviewClock
class ReviewPageBrowserIntegrationTests {

    static final Instant MONDAY = ReviewClock.MONDAY;
    private static final String PASSWORD = "correct horse battery staple";
    private static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    IdentityService identity;

    @Autowired
    OpportunityService opportunities;

    private String run;

    @BeforeAll
    static void start() {
        chromium = new Chromium();
    }

    @AfterAll
    static void stop() {
        chromium.close();
    }

    @BeforeEach
    void setUp() {
        clock.set(MONDAY);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anOverdueItemsFormsComeWhenOpenedAndSetTheNextActionInPlace() {
        var anna = rep();
        var late = overdue(anna, "Oak flooring " + run);
        var problems = new ArrayList<String>();
        try (BrowserContext context = chromium.newContext(port)) {
            var page = context.newPage();
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    problems.add("console: " + m.text());
                }
            });
            page.onPageError(e -> problems.add("error: " + e));
            signIn(page, anna);
            page.navigate("/review");
            var item = page.locator("#overdue-opportunity-" + late.id());
            assertThat(item.locator("input[name=nextAction]")).hasCount(0);

            item.locator("summary").click();
            var field = item.getByLabel("New next action");
            assertThat(field).isVisible();
            field.fill("keep in touch");
            item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Set next action")).click();
            assertThat(page.locator("#review-message")).containsText("too vague");
            assertThat(page.locator("#overdue-opportunity-" + late.id()).getByLabel("New next action")).isVisible();

            page.locator("#overdue-opportunity-" + late.id()).getByLabel("New next action")
                    .fill("Send the revised quote for the oak flooring");
            page.locator("#overdue-opportunity-" + late.id())
                    .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Set next action")).click();

            assertThat(page.locator("#review-message")).containsText("Next action of 'Oak flooring " + run + "'");
            assertThat(page.locator("#overdue-opportunity-" + late.id())).hasCount(0);
            assertThat(page).hasURL(Pattern.compile(".*/review$"));
        }
        assertThat(problems).isEmpty();
        var updated = opportunities.opportunity(Actor.user(anna.id(), anna.username()), late.id());
        assertThat(updated.nextAction()).isEqualTo("Send the revised quote for the oak flooring");
        assertThat(updated.nextActionDue()).isEqualTo(LocalDate.parse("2026-03-06"));
    }

    @Test
    void withoutJavaScriptTheFormsOpenOnTheirOwnPageAndComeBackToTheReview() {
        var anna = rep();
        var late = overdue(anna, "Walnut stairs " + run);
        try (BrowserContext context = chromium.newContextWithoutJavaScript(port)) {
            var page = context.newPage();
            signIn(page, anna);
            page.navigate("/review?preset=weekly");
            var item = page.locator("#overdue-opportunity-" + late.id());

            item.locator("summary").click();
            item.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Open the forms")).click();
            assertThat(page.locator("h1")).containsText("Walnut stairs " + run);
            page.getByLabel("New next action").fill("Send the stair samples to the customer");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set next action")).click();

            assertThat(page).hasURL(Pattern.compile(".*/review\\?preset=weekly$"));
            assertThat(page.locator(".flash")).containsText("Next action of 'Walnut stairs " + run + "'");
            assertThat(page.locator("#overdue-opportunity-" + late.id())).hasCount(0);
        }
    }

    private OpportunityView overdue(UserView owner, String title) {
        var created = opportunities.create(Actor.user(owner.id(), owner.username()), new NewOpportunity(title, null, null,
                null, null, null, "mailbox", null, null, false, null, "Order samples of the flooring",
                LocalDate.parse("2026-03-03"), null, null, null));
        clock.set(MONDAY.plus(Duration.ofDays(3)));
        return created;
    }

    private UserView rep() {
        var username = "rep-" + run;
        return identity.createUserWithPassword(Actor.system(), username, "Rita " + run, null, Role.REP, PASSWORD, "test");
    }

    private void signIn(Page page, UserView user) {
        page.navigate("/login");
        page.getByLabel("Username").fill(user.username());
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> !url.contains("/login"));
    }
}
