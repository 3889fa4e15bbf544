package org.opportune.opportunity;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.testing.Chromium;
import org.opportune.testing.IntegrationTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.opportune.opportunity.OpportunityApi.PASSWORD;
import static org.opportune.opportunity.OpportunityApi.json;
import static org.opportune.opportunity.OpportunityApi.newOpportunity;
import static org.opportune.opportunity.OpportunityApi.signedIn;
import static org.opportune.opportunity.OpportunityApi.user;

/**
 * The pipeline board in a real browser: a card dragged to the next column moves (counts follow), a card
 * dragged to Lost asks for the reason inside the card and closes with it, the "Move to" menu does the same
 * without a mouse, nothing breaks the content security policy, and on a phone the columns scroll sideways.
 */
@IntegrationTest
class PipelineBoardBrowserIntegrationTests {

    private static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @BeforeAll
    static void start() {
        chromium = new Chromium();
    }

    @AfterAll
    static void stop() {
        chromium.close();
    }

    @Test
    void cardsAreDraggedToAnotherStageAndLostAsksForTheReasonInPlace() {
        var rep = user(identity, Role.REP);
        var api = signedIn(port, rep);
        var run = UUID.randomUUID().toString().substring(0, 6);
        var desks = json(api.json("POST", "/api/v1/opportunities", newOpportunity("Desks " + run, ""))).get("id").asLong();
        var chairs = json(api.json("POST", "/api/v1/opportunities", newOpportunity("Chairs " + run, ""))).get("id").asLong();
        var lamps = json(api.json("POST", "/api/v1/opportunities", newOpportunity("Lamps " + run, ""))).get("id").asLong();
        var problems = new ArrayList<String>();

        try (BrowserContext context = chromium.newContext(port)) {
            var page = signIn(context, rep.username());
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    problems.add(m.text());
                }
            });
            page.onPageError(problems::add);
            page.navigate("/pipeline?owner=me");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pipeline"))).hasClass("active");
            var newLead = page.locator(".board-column[data-stage='new_lead']");
            var qualified = page.locator(".board-column[data-stage='qualified']");
            var lost = page.locator(".board-column[data-stage='lost']");
            assertThat(newLead.locator(".count")).hasText("3");

            // drag to the next column: moved, counts follow
            page.locator("#card-" + desks).dragTo(qualified);
            assertThat(page.locator(".board-status")).hasText("'Desks " + run + "' is in Qualified now.");
            assertThat(qualified.locator("#card-" + desks)).isVisible();
            assertThat(qualified.locator(".count")).hasText("1");
            assertThat(newLead.locator(".count")).hasText("2");

            // drag to Lost: the card asks why, in place; nothing is closed until it is answered
            page.locator("#card-" + chairs).dragTo(lost);
            var prompt = page.locator("#prompt-" + chairs);
            assertThat(prompt).containsText("Why was it lost?");
            assertThat(page.locator("#lostReason-" + chairs)).isFocused();
            assertThat(lost.locator(".count")).hasText("0");
            page.locator("#lostReason-" + chairs).selectOption("competitor");
            prompt.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Close as lost")).click();
            assertThat(lost.locator("#card-" + chairs)).containsText("Chose a competitor");
            assertThat(lost.locator(".count")).hasText("1");

            // without a mouse: the card's own menu, fetched when its "Move…" is opened
            assertThat(page.getByLabel("Move Lamps " + run + " to")).hasCount(0);
            page.locator("#card-" + lamps + " summary").click();
            page.getByLabel("Move Lamps " + run + " to").selectOption("proposal_sent");
            page.locator("#card-" + lamps).getByRole(AriaRole.BUTTON,
                    new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Move")).click();
            assertThat(page.locator(".board-column[data-stage='proposal_sent'] #card-" + lamps)).isVisible();
            assertThat(newLead.locator(".count")).hasText("0");
            assertThat(page.url()).as("no page load").endsWith("/pipeline?owner=me");

            // a phone: the columns scroll sideways, the page itself does not
            page.setViewportSize(390, 800);
            var widths = (List<?>) page.evaluate("() => [document.querySelector('.board').scrollWidth, "
                    + "document.querySelector('.board').clientWidth, document.documentElement.scrollWidth, window.innerWidth]");
            assertThat(((Number) widths.get(0)).intValue()).isGreaterThan(((Number) widths.get(1)).intValue());
            assertThat(((Number) widths.get(2)).intValue()).isLessThanOrEqualTo(((Number) widths.get(3)).intValue());
        }
        assertThat(problems).as("console errors (CSP violations included)").isEmpty();
        assertThat(json(api.json("GET", "/api/v1/opportunities/" + chairs, null)).get("lostReason").asString())
                .isEqualToIgnoringCase("competitor");
    }

    private static Page signIn(BrowserContext context, String username) {
        var page = context.newPage();
        page.navigate("/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }
}
