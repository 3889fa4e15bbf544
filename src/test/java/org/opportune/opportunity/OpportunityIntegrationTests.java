package org.opportune.opportunity;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.identity.UserView;
import org.opportune.shared.Actor;
import org.opportune.testing.IntegrationTest;
import org.opportune.testing.RecordedEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opportune.opportunity.OpportunityApi.due;
import static org.opportune.opportunity.OpportunityApi.json;
import static org.opportune.opportunity.OpportunityApi.newOpportunity;
import static org.opportune.opportunity.OpportunityApi.signedIn;
import static org.opportune.opportunity.OpportunityApi.user;

@IntegrationTest
@Import(RecordedEvents.class)
class OpportunityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecordedEvents events;

    UserView rep;
    UserView otherRep;
    UserView manager;
    UserView viewer;

    @BeforeEach
    void people() {
        rep = user(identity, Role.REP);
        otherRep = user(identity, Role.REP);
        manager = user(identity, Role.MANAGER);
        viewer = user(identity, Role.VIEWER);
    }

    @Test
    void createClaimStageWinAndReopenAreEachInTheTrailWithBeforeAndAfter() {
        var creator = signedIn(port, otherRep);
        var browser = signedIn(port, rep);

        var created = creator.json("POST", "/api/v1/opportunities", newOpportunity("12 desks", "\"unassigned\": true"));
        var id = json(created).get("id").asLong();
        var claimed = browser.json("POST", "/api/v1/opportunities/" + id + "/claim", null);
        var qualified = browser.json("POST", "/api/v1/opportunities/" + id + "/stage",
                "{\"stage\": \"qualified\", \"version\": " + json(claimed).get("version").asInt() + "}");
        var proposal = browser.json("POST", "/api/v1/opportunities/" + id + "/stage",
                "{\"stage\": \"proposal_sent\", \"version\": " + json(qualified).get("version").asInt() + "}");
        var won = browser.json("POST", "/api/v1/opportunities/" + id + "/close",
                "{\"outcome\": \"won\", \"value\": 13250.50, \"version\": " + json(proposal).get("version").asInt() + "}");
        var reopened = browser.json("POST", "/api/v1/opportunities/" + id + "/reopen",
                "{\"stage\": \"negotiation\", \"nextAction\": \"Agree the delivery date for the second batch\", \"nextActionDue\": \""
                        + due(3) + "\", \"version\": " + json(won).get("version").asInt() + "}");
        var history = browser.json("GET", "/api/v1/opportunities/" + id + "/history", null);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/opportunities/" + id);
        assertThat(json(created).get("ownerId").isNull()).isTrue();
        assertThat(json(created).get("stage").asString()).isEqualTo("new_lead");
        assertThat(json(created).get("probability").asInt()).isEqualTo(10);
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
        assertThat(json(claimed).get("ownerId").asLong()).isEqualTo(rep.id());
        assertThat(qualified.statusCode()).as(qualified.body()).isEqualTo(200);
        assertThat(json(qualified).get("probability").asInt()).as("the stage's default").isEqualTo(25);
        assertThat(json(proposal).get("stageName").asString()).isEqualTo("Proposal/quote sent");
        assertThat(won.statusCode()).as(won.body()).isEqualTo(200);
        assertThat(json(won).get("outcome").asString()).isEqualTo("WON");
        assertThat(json(won).get("value").decimalValue()).isEqualByComparingTo("13250.50");
        assertThat(json(won).get("probability").asInt()).isEqualTo(100);
        assertThat(json(won).get("nextAction").isNull()).isTrue();
        assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
        assertThat(json(reopened).get("outcome").isNull()).isTrue();
        assertThat(json(reopened).get("stage").asString()).isEqualTo("negotiation");
        assertThat(json(reopened).get("probability").asInt()).isEqualTo(70);
        assertThat(json(history).findValuesAsString("stage"))
                .containsExactly("new_lead", "qualified", "proposal_sent", "won", "negotiation");
        assertThat(json(history).get(4).get("leftAt").isNull()).isTrue();

        var trail = trail(id);
        assertThat(trail).extracting(e -> e.get("action")).containsExactly("opportunity.created", "opportunity.claimed",
                "opportunity.stage_changed", "opportunity.stage_changed", "opportunity.won", "opportunity.reopened");
        assertThat(trail.get(1).get("before_json").toString()).contains("\"owner\":\"\"");
        assertThat(trail.get(1).get("after_json").toString()).contains("\"owner\":\"" + rep.username() + "\"");
        assertThat(trail.get(2).get("before_json").toString()).contains("\"stage\":\"new_lead\"", "\"probability\":\"10\"");
        assertThat(trail.get(2).get("after_json").toString()).contains("\"stage\":\"qualified\"", "\"probability\":\"25\"");
        assertThat(trail.get(4).get("after_json").toString()).contains("\"outcome\":\"won\"", "\"value\":\"13250.50\"");
        assertThat(trail.get(4).get("before_json").toString()).contains("\"value\":\"12500.00\"");
        assertThat(trail.get(5).get("before_json").toString()).contains("\"stage\":\"won\"", "\"outcome\":\"won\"");
        assertThat(trail.get(5).get("after_json").toString()).contains("\"stage\":\"negotiation\"",
                "\"nextAction\":\"Agree the delivery date for the second batch\"");
        assertThat(events.assigned()).anyMatch(e -> e.opportunityId() == id && e.toUserId() == rep.id()
                && e.fromUserId() == null && e.kind() == OpportunityEvents.AssignmentKind.CLAIMED);
    }

    @Test
    void everyRuleIsRefusedWithAMessageNamingItsField() {
        var browser = signedIn(port, rep);
        var lead = json(browser.json("POST", "/api/v1/opportunities", newOpportunity("Chairs", "\"unassigned\": true")));
        var mine = json(browser.json("POST", "/api/v1/opportunities", newOpportunity("Lamps", "")));
        var leadId = lead.get("id").asLong();
        var mineId = mine.get("id").asLong();

        var noNextAction = browser.json("POST", "/api/v1/opportunities", """
                {"title": "Tables", "source": "website"}""");
        var vague = browser.json("POST", "/api/v1/opportunities",
                newOpportunity("Tables", "").replace("Send quote for 12 standing desks", "Follow up with the customer next week"));
        var past = browser.json("PATCH", "/api/v1/opportunities/" + mineId,
                "{\"version\": 0, \"nextActionDue\": \"" + due(-1) + "\"}");
        var vagueGerman = browser.json("PATCH", "/api/v1/opportunities/" + mineId,
                "{\"version\": 0, \"nextAction\": \"nachfassen\"}");
        var cleared = browser.json("PATCH", "/api/v1/opportunities/" + mineId, "{\"version\": 0, \"nextAction\": null}");
        var unownedForward = browser.json("POST", "/api/v1/opportunities/" + leadId + "/stage",
                "{\"stage\": \"qualified\", \"version\": 0}");
        var lostWithoutReason = browser.json("POST", "/api/v1/opportunities/" + mineId + "/close",
                "{\"outcome\": \"lost\", \"version\": 0}");
        var lostOtherWithoutWords = browser.json("POST", "/api/v1/opportunities/" + mineId + "/close",
                "{\"outcome\": \"lost\", \"reason\": \"other\", \"version\": 0}");
        var wonWithoutValue = browser.json("POST", "/api/v1/opportunities/" + mineId + "/close",
                "{\"outcome\": \"won\", \"value\": 0, \"version\": 0}");
        var noVersion = browser.json("PATCH", "/api/v1/opportunities/" + mineId, "{\"title\": \"Lamps and shades\"}");
        var lost = browser.json("POST", "/api/v1/opportunities/" + mineId + "/close",
                "{\"outcome\": \"lost\", \"reason\": \"competitor\", \"note\": \"Went with the cheaper offer\", \"version\": 0}");
        var movedWhileClosed = browser.json("POST", "/api/v1/opportunities/" + mineId + "/stage",
                "{\"stage\": \"qualified\", \"version\": " + json(lost).get("version").asInt() + "}");
        var reopenVague = browser.json("POST", "/api/v1/opportunities/" + mineId + "/reopen",
                "{\"stage\": \"qualified\", \"nextAction\": \"keep in touch\", \"nextActionDue\": \"" + due(1)
                        + "\", \"version\": " + json(lost).get("version").asInt() + "}");
        var missing = browser.json("GET", "/api/v1/opportunities/987654", null);
        var unknownCompany = browser.json("POST", "/api/v1/opportunities",
                newOpportunity("Shelves", "\"companyId\": 98765432, \"contactId\": 98765433"));
        var shelves = json(browser.json("POST", "/api/v1/opportunities", newOpportunity("Shelves", ""))).get("id").asLong();
        var unknownContactLater = browser.json("PATCH", "/api/v1/opportunities/" + shelves,
                "{\"version\": 0, \"contactId\": 98765434}");

        assertThat(noNextAction.statusCode()).isEqualTo(400);
        assertThat(noNextAction.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(errors(noNextAction)).containsKeys("nextAction", "nextActionDue");
        assertThat(errors(vague).get("nextAction")).contains("too vague", "Send revised quote with volume discount");
        assertThat(errors(past).get("nextActionDue")).contains("in the past");
        assertThat(errors(vagueGerman).get("nextAction")).contains("'nachfassen' is too vague");
        assertThat(errors(cleared).get("nextAction")).contains("needs a next action");
        assertThat(errors(unownedForward).get("owner")).contains("needs an owner");
        assertThat(errors(lostWithoutReason).get("lostReason")).contains("Lost needs a reason");
        assertThat(errors(lostOtherWithoutWords).get("note")).contains("'other'");
        assertThat(errors(wonWithoutValue).get("value")).contains("Won needs the deal's value");
        assertThat(errors(noVersion).get("version")).contains("Send the version");
        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(200);
        assertThat(json(lost).get("lostReasonLabel").asString()).isEqualTo("Chose a competitor");
        assertThat(errors(movedWhileClosed).get("stage")).contains("Reopen it first");
        assertThat(errors(reopenVague).get("nextAction")).contains("too vague");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("detail").asString()).contains("No opportunity with id 987654");
        assertThat(unknownCompany.statusCode()).isEqualTo(400);
        assertThat(errors(unknownCompany).get("companyId")).contains("There is no company #98765432");
        assertThat(errors(unknownCompany).get("contactId")).contains("There is no contact #98765433");
        assertThat(errors(unknownContactLater).get("contactId")).contains("There is no contact #98765434");
        assertThat(trail(mineId)).extracting(e -> e.get("action")).containsExactly("opportunity.created", "opportunity.lost");
    }

    @Test
    void aStaleUpdateIsRefusedWith409ListingWhatChangedSince() {
        var browser = signedIn(port, rep);
        var boss = signedIn(port, manager);
        var id = json(browser.json("POST", "/api/v1/opportunities", newOpportunity("Shelving", ""))).get("id").asLong();

        var managerEdit = boss.json("PATCH", "/api/v1/opportunities/" + id,
                "{\"version\": 0, \"nextAction\": \"Call Anna about the shelving layout\", \"value\": 9000}");
        var staleEdit = browser.json("PATCH", "/api/v1/opportunities/" + id, "{\"version\": 0, \"title\": \"Shelving, 40 m\"}");
        var current = json(browser.json("GET", "/api/v1/opportunities/" + id, null));

        assertThat(managerEdit.statusCode()).as(managerEdit.body()).isEqualTo(200);
        assertThat(staleEdit.statusCode()).isEqualTo(409);
        var problem = json(staleEdit);
        assertThat(problem.get("yourVersion").asInt()).isZero();
        assertThat(problem.get("currentVersion").asInt()).isEqualTo(1);
        assertThat(problem.get("detail").asString()).contains("Nothing was saved",
                "Next action: 'Send quote for 12 standing desks' → 'Call Anna about the shelving layout' (" + manager.username());
        assertThat(problem.get("changes").findValuesAsString("field")).containsExactlyInAnyOrder("nextAction", "value");
        assertThat(problem.get("changes").findValuesAsString("changedBy")).containsOnly(manager.username());
        assertThat(current.get("title").asString()).as("never silently overwritten").isEqualTo("Shelving");
        assertThat(current.get("nextAction").asString()).isEqualTo("Call Anna about the shelving layout");
    }

    @Test
    void onlyTheOwnerOrAManagerChangesOrHandsOverAnOpportunity() {
        var owner = signedIn(port, rep);
        var other = signedIn(port, otherRep);
        var boss = signedIn(port, manager);
        var id = json(owner.json("POST", "/api/v1/opportunities", newOpportunity("Lockers", ""))).get("id").asLong();

        var strangerEdit = other.json("PATCH", "/api/v1/opportunities/" + id, "{\"version\": 0, \"title\": \"Mine now\"}");
        var strangerAssign = other.json("POST", "/api/v1/opportunities/" + id + "/assign",
                "{\"userId\": " + otherRep.id() + "}");
        var claimOwned = other.json("POST", "/api/v1/opportunities/" + id + "/claim", null);
        var handOver = owner.json("POST", "/api/v1/opportunities/" + id + "/assign",
                "{\"userId\": " + otherRep.id() + ", \"reason\": \"Tom covers the north\"}");
        var toViewer = boss.json("POST", "/api/v1/opportunities/" + id + "/assign", "{\"userId\": " + viewer.id() + "}");
        var toNobody = boss.json("POST", "/api/v1/opportunities/" + id + "/assign", "{\"userId\": 99999}");
        var reassigned = boss.json("POST", "/api/v1/opportunities/" + id + "/assign",
                "{\"userId\": " + rep.id() + ", \"reason\": \"Back from holiday\"}");
        identity.deactivate(Actor.system(), otherRep.id());
        var toDeactivated = boss.json("POST", "/api/v1/opportunities/" + id + "/assign", "{\"userId\": " + otherRep.id() + "}");

        assertThat(strangerEdit.statusCode()).isEqualTo(403);
        assertThat(json(strangerEdit).get("detail").asString()).contains("belongs to " + rep.displayName());
        assertThat(strangerAssign.statusCode()).isEqualTo(403);
        assertThat(claimOwned.statusCode()).isEqualTo(409);
        assertThat(json(claimOwned).get("detail").asString()).contains("Already owned by " + rep.displayName());
        assertThat(handOver.statusCode()).as(handOver.body()).isEqualTo(200);
        assertThat(json(handOver).get("ownerId").asLong()).isEqualTo(otherRep.id());
        assertThat(errors(toViewer).get("assignee")).contains("read-only role");
        assertThat(errors(toNobody).get("assignee")).contains("no user with id 99999");
        assertThat(reassigned.statusCode()).isEqualTo(200);
        assertThat(errors(toDeactivated).get("assignee")).contains("deactivated");
        var trail = trail(id);
        assertThat(trail).extracting(e -> e.get("action"))
                .containsExactly("opportunity.created", "opportunity.handed_over", "opportunity.assigned");
        assertThat(trail.get(1).get("before_json").toString()).contains("\"owner\":\"" + rep.username() + "\"");
        assertThat(trail.get(1).get("after_json").toString()).contains("\"owner\":\"" + otherRep.username() + "\"",
                "\"reason\":\"Tom covers the north\"");
        assertThat(trail.get(2).get("actor_name")).isEqualTo(manager.username());
        assertThat(events.assigned()).anyMatch(e -> e.opportunityId() == id && e.fromUserId() != null
                && e.fromUserId() == otherRep.id() && e.toUserId() == rep.id() && "Back from holiday".equals(e.reason()));
    }

    @Test
    void aViewerReadsWithoutValuesAndGets403OnEveryChange() {
        var owner = signedIn(port, rep);
        var reader = signedIn(port, viewer);
        var created = json(owner.json("POST", "/api/v1/opportunities", newOpportunity("Whiteboards", "")));
        var id = created.get("id").asLong();
        var base = "/api/v1/opportunities/" + id;

        var one = reader.json("GET", base, null);
        var list = reader.json("GET", "/api/v1/opportunities", null);
        var timeline = reader.json("GET", base + "/timeline", null);
        var stages = reader.json("GET", "/api/v1/pipeline/stages", null);
        var changes = List.of(
                reader.json("POST", "/api/v1/opportunities", newOpportunity("Sneaky", "")),
                reader.json("PATCH", base, "{\"version\": 0, \"title\": \"x\"}"),
                reader.json("POST", base + "/claim", null),
                reader.json("POST", base + "/assign", "{\"userId\": " + viewer.id() + "}"),
                reader.json("POST", base + "/stage", "{\"stage\": \"qualified\", \"version\": 0}"),
                reader.json("POST", base + "/close", "{\"outcome\": \"lost\", \"reason\": \"price\", \"version\": 0}"),
                reader.json("POST", base + "/reopen", "{\"stage\": \"qualified\", \"version\": 0}"),
                reader.json("POST", base + "/conversations", "{\"conversationId\": 1}"),
                reader.json("DELETE", base + "/conversations/1", null),
                reader.json("POST", "/api/v1/pipeline/stages", "{\"name\": \"Demo booked\"}"),
                reader.json("PATCH", "/api/v1/pipeline/stages/qualified", "{\"name\": \"Hacked\"}"));

        assertThat(created.get("value").decimalValue()).isEqualByComparingTo("12500");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json(one).get("value").isNull()).isTrue();
        assertThat(json(one).get("valueVisible").asBoolean()).isFalse();
        assertThat(list.body()).contains("Whiteboards").doesNotContain("12500");
        assertThat(timeline.statusCode()).isEqualTo(200);
        assertThat(timeline.body()).contains("opportunity.created").doesNotContain("12500");
        assertThat(owner.json("GET", base + "/timeline", null).body()).contains("value: 12500.00");
        assertThat(stages.body()).contains("Negotiation/review");
        assertThat(changes).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(403));
        assertThat(trail(id)).hasSize(1);
    }

    @Test
    void linkedConversationsAreListedAndUnknownOnesRefused() {
        var owner = signedIn(port, rep);
        var id = json(owner.json("POST", "/api/v1/opportunities", newOpportunity("Desk lamps", ""))).get("id").asLong();

        var unknown = owner.json("POST", "/api/v1/opportunities/" + id + "/conversations", "{\"conversationId\": 424242}");

        assertThat(errors(unknown).get("conversationId")).contains("no conversation 424242");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> errors(java.net.http.HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return OpportunityApi.JSON.convertValue(json(response).get("errors"), Map.class);
    }

    private List<Map<String, Object>> trail(long id) {
        return jdbc.sql("select action, actor_name, before_json, after_json from activity_entries "
                        + "where subject_type = 'opportunity' and subject_id = :id order by id")
                .param("id", Long.toString(id))
                .query((rs, n) -> Map.<String, Object>of("action", rs.getString(1), "actor_name", rs.getString(2),
                        "before_json", rs.getString(3), "after_json", rs.getString(4)))
                .list();
    }

}
