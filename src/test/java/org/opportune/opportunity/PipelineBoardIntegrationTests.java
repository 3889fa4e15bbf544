package org.opportune.opportunity;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opportune.opportunity.OpportunityApi.json;
import static org.opportune.opportunity.OpportunityApi.newOpportunity;
import static org.opportune.opportunity.OpportunityApi.signedIn;
import static org.opportune.opportunity.OpportunityApi.user;

/** The pipeline board over real HTTP: columns, counts and totals, who sees values, moves and their rules, filters. */
@IntegrationTest
class PipelineBoardIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theBoardShowsAColumnPerStageWithCountsAndTotalsPerCurrencyButNoValuesToAViewer() {
        var rep = user(identity, Role.REP);
        var browser = signedIn(port, rep);
        create(browser, "Desks for Leeds", "");
        create(browser, "Chairs for Leeds", "");
        create(browser, "Lamps for Boston", "\"currency\": \"USD\"");
        var viewer = signedIn(port, user(identity, Role.VIEWER));

        var board = browser.get("/pipeline?owner=" + rep.id());
        var viewed = viewer.get("/pipeline?owner=" + rep.id());

        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(count(board.body(), "new_lead")).isEqualTo(3);
        assertThat(count(board.body(), "qualified")).isZero();
        assertThat(board.body()).contains("Desks for Leeds", "Chairs for Leeds", "Lamps for Boston", "Negotiation/<wbr>review",
                "Won", "Lost/<wbr>closed", "<li>EUR 25,000.00</li>", "<li>USD 12,500.00</li>", "EUR 12,500.00",
                "Send quote for 12 standing desks", "name=\"stage\"", "/js/board.js");
        assertThat(viewed.statusCode()).isEqualTo(200);
        assertThat(count(viewed.body(), "new_lead")).isEqualTo(3);
        assertThat(viewed.body()).contains("Desks for Leeds", "Lamps for Boston")
                .doesNotContain("12,500.00", "25,000.00", "class=\"totals\"", "action=\"/pipeline/move\"");
        assertThat(viewer.post("/pipeline/move", Map.of("id", "1", "stage", "qualified", "version", "0")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aMoveOnTheBoardAppliesTheRulesAndIsInTheActivityTrail() {
        var rep = user(identity, Role.REP);
        var browser = signedIn(port, rep);
        var id = create(browser, "Shelving for Hull", "");
        browser.get("/pipeline");

        var moved = browser.post("/pipeline/move", Map.of("id", id, "stage", "qualified", "version", "0"));
        var qualified = json(browser.json("GET", "/api/v1/opportunities/" + id, null));
        var lostAsked = browser.post("/pipeline/move", Map.of("id", id, "stage", "lost", "version", "1"));
        var stillOpen = json(browser.json("GET", "/api/v1/opportunities/" + id, null));
        var staleMove = browser.post("/pipeline/move", Map.of("id", id, "stage", "negotiation", "version", "0"));
        var afterStale = json(browser.json("GET", "/api/v1/opportunities/" + id, null));
        var lost = browser.post("/pipeline/move", Map.of("id", id, "stage", "lost", "version", "1",
                "lostReason", "price", "note", "", "confirm", "true"));
        var closed = json(browser.json("GET", "/api/v1/opportunities/" + id, null));
        var closedMove = browser.post("/pipeline/move", Map.of("id", id, "stage", "qualified", "version", "2"));
        var vagueReopen = browser.post("/pipeline/reopen", Map.of("id", id, "stage", "qualified", "version", "2",
                "nextAction", "follow up", "nextActionDue", OpportunityApi.due(2)));
        var reopened = browser.post("/pipeline/reopen", Map.of("id", id, "stage", "qualified", "version", "2",
                "nextAction", "Call Tom about the cheaper shelving", "nextActionDue", OpportunityApi.due(2)));

        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(moved.body()).contains("'Shelving for Hull' is in Qualified now.");
        assertThat(qualified.get("stage").asString()).isEqualTo("qualified");
        assertThat(actions(id)).containsExactly("opportunity.created", "opportunity.stage_changed", "opportunity.lost",
                "opportunity.reopened");

        assertThat(lostAsked.statusCode()).isEqualTo(200);
        assertThat(lostAsked.body()).contains("id=\"prompt-" + id + "\"", "Why was it lost?", "name=\"lostReason\"",
                "Price too high", "Close as lost").doesNotContain("is in Lost");
        assertThat(stillOpen.get("stage").asString()).isEqualTo("qualified");
        assertThat(stillOpen.get("outcome").isNull()).isTrue();

        assertThat(staleMove.body()).contains("Someone changed this opportunity after you loaded the board",
                "id=\"stale-changes\"", "New lead", "Qualified");
        assertThat(afterStale.get("stage").asString()).isEqualTo("qualified");

        assertThat(lost.body()).contains("'Shelving for Hull' is in Lost/closed now.");
        assertThat(closed.get("outcome").asString()).isEqualToIgnoringCase("lost");
        assertThat(closed.get("lostReason").asString()).isEqualToIgnoringCase("price");
        assertThat(closedMove.body()).contains("It is closed (Lost/closed). To move it, reopen it", "action=\"/pipeline/reopen\"");
        assertThat(vagueReopen.body()).contains("Not reopened yet", "id=\"nextAction-error\"", "too vague");
        assertThat(reopened.body()).contains("'Shelving for Hull' is open again, in Qualified.");
        assertThat(json(browser.json("GET", "/api/v1/opportunities/" + id, null)).get("outcome").isNull()).isTrue();
    }

    @Test
    void aLostMoveWithoutAReasonAfterConfirmingSaysWhatIsMissingAndAWonMoveWithoutAValueAsksForIt() {
        var rep = user(identity, Role.REP);
        var browser = signedIn(port, rep);
        var id = create(browser, "Cupboards for York", "");
        var noValue = json(browser.json("POST", "/api/v1/opportunities",
                newOpportunity("Tables for York", "").replace("\"value\": 12500.00, ", ""))).get("id").asString();
        browser.get("/pipeline");

        var missing = browser.post("/pipeline/move", Map.of("id", id, "stage", "lost", "version", "0", "confirm", "true"));
        var wonAsked = browser.post("/pipeline/move", Map.of("id", noValue, "stage", "won", "version", "0"));
        var won = browser.post("/pipeline/move", Map.of("id", noValue, "stage", "won", "version", "0", "value", "4200",
                "confirm", "true"));

        assertThat(missing.body()).contains("id=\"lostReason-error\"", "Lost needs a reason");
        assertThat(json(browser.json("GET", "/api/v1/opportunities/" + id, null)).get("outcome").isNull()).isTrue();
        assertThat(wonAsked.body()).contains("id=\"prompt-" + noValue + "\"", "What is it worth?", "name=\"value\"");
        assertThat(won.body()).contains("'Tables for York' is in Won now.");
        assertThat(json(browser.json("GET", "/api/v1/opportunities/" + noValue, null)).get("value").asDouble()).isEqualTo(4200.0);
    }

    @Test
    void aMoveWithoutJavaScriptGoesThroughTheCardsMovePageAndKeepsTheBoardFiltered() {
        var rep = user(identity, Role.REP);
        var other = user(identity, Role.REP);
        var browser = signedIn(port, rep);
        var id = create(browser, "Benches for Derby", "");
        create(signedIn(port, other), "Someone else's benches", "");
        var filtered = browser.get("/pipeline?owner=" + rep.id() + "&overdue=false").body();
        var link = "/pipeline/cards/" + id + "/move?version=0&owner=" + rep.id();

        var movePage = browser.get(link);
        var moved = browser.post("/pipeline/move", Map.of("id", id, "stage", "qualified", "version", "0",
                "owner", Long.toString(rep.id())));

        assertThat(filtered).as("the card links to its move form, which is not on the board itself")
                .contains("href=\"" + link.replace("&", "&amp;") + "\"").doesNotContain("Move Benches for Derby to</label>");
        assertThat(movePage.statusCode()).isEqualTo(200);
        assertThat(movePage.body()).contains("Move Benches for Derby to</label>", "action=\"/pipeline/move\"",
                "<input type=\"hidden\" name=\"owner\" value=\"" + rep.id() + "\">",
                "<input type=\"hidden\" name=\"version\" value=\"0\">", "<option value=\"qualified\"")
                .doesNotContain("hx-post");
        assertThat(moved.body()).contains("Benches for Derby").doesNotContain("Someone else&#39;s benches", "Someone else's benches")
                .contains("/pipeline/cards/" + id + "/move?version=1&amp;owner=" + rep.id());
        assertThat(signedIn(port, user(identity, Role.VIEWER)).get(link).statusCode()).as("a viewer cannot move").isEqualTo(403);
    }

    @Test
    void aCardsMoveFormInPlaceCarriesTheVersionTheBoardShowedSoALaterChangeIsCaught() {
        var rep = user(identity, Role.REP);
        var browser = signedIn(port, rep);
        var id = create(browser, "Stools for York", "");
        var link = "/pipeline/cards/" + id + "/move?version=0";
        browser.post("/pipeline/move", Map.of("id", id, "stage", "qualified", "version", "0"));

        var inPlace = browser.getHtmx(link);
        var stale = browser.post("/pipeline/move", Map.of("id", id, "stage", "negotiation", "version", "0"));

        assertThat(inPlace.body()).contains("hx-post=\"/pipeline/move\"", "<input type=\"hidden\" name=\"version\" value=\"0\">",
                "Move Stools for York to</label>").doesNotContain("<html");
        assertThat(stale.body()).contains("Someone changed this opportunity after you loaded the board");
    }

    @Test
    void filtersForMineOverdueStalledAndMailboxNarrowTheCards() {
        var rep = user(identity, Role.REP);
        var other = user(identity, Role.REP);
        var browser = signedIn(port, rep);
        var mine = create(browser, "Mine on time", "");
        var late = create(browser, "Mine and late", "");
        create(signedIn(port, other), "Someone else's", "");
        jdbc.sql("update opportunities set next_action_due = :due where id = :id")
                .param("due", LocalDate.now(ZoneId.systemDefault()).minusDays(3)).param("id", Long.parseLong(late)).update();

        var quiet = create(browser, "Mine and quiet", "\"sourceDetail\": \"support@brightline.example\"");
        jdbc.sql("update opportunities set updated_at = :at where id = :id")
                .param("at", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(20)).param("id", Long.parseLong(quiet)).update();

        var everyone = browser.getHtmx("/pipeline");
        var stalled = browser.getHtmx("/pipeline?owner=me&stalled=true");
        var fromSupport = browser.getHtmx("/pipeline?owner=me&mailbox=Support@Brightline.example");
        var onlyMine = browser.getHtmx("/pipeline?owner=me");
        var overdue = browser.getHtmx("/pipeline?owner=me&overdue=true");

        assertThat(everyone.body()).contains("Mine on time", "Mine and late", "Someone else's")
                .doesNotContain("<html", "id=\"board-filters\"").contains("<div id=\"board\"");
        assertThat(onlyMine.body()).contains("Mine on time", "Mine and late").doesNotContain("Someone else's");
        assertThat(overdue.body()).contains("Mine and late", "overdue, due").doesNotContain("Mine on time", "Someone else's");
        assertThat(count(overdue.body(), "new_lead")).isEqualTo(1);
        assertThat(stalled.body()).contains("Mine and quiet", "stalled").doesNotContain("Mine on time", "Mine and late");
        assertThat(fromSupport.body()).contains("Mine and quiet").doesNotContain("Mine on time", "Mine and late");
        assertThat(count(onlyMine.body(), "new_lead")).isEqualTo(3);
        assertThat(mine).isNotEqualTo(late);
    }

    private static String create(Browser browser, String title, String extra) {
        var response = browser.json("POST", "/api/v1/opportunities", newOpportunity(title, extra));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asString();
    }

    private static long count(String html, String stage) {
        var m = Pattern.compile("id=\"col-" + stage + "\">[^<]*</h2>\\s*<span class=\"count\"[^>]*>(\\d+)<").matcher(html);
        assertThat(m.find()).as("column " + stage + " in " + html).isTrue();
        return Long.parseLong(m.group(1));
    }

    private List<String> actions(String id) {
        return jdbc.sql("select action from activity_entries where subject_type = 'opportunity' and subject_id = :id order by id")
                .param("id", id).query(String.class).list();
    }
}
