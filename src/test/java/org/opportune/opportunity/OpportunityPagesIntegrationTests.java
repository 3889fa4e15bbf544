package org.opportune.opportunity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.conversation.ConversationService;
import org.opportune.customer.CompanyCommand;
import org.opportune.customer.ContactCommand;
import org.opportune.customer.CustomerService;
import org.opportune.customer.Relationship;
import org.opportune.shared.Actor;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailboxService;
import org.opportune.testing.IntegrationTest;
import org.opportune.triage.TriageService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opportune.opportunity.OpportunityApi.due;
import static org.opportune.opportunity.OpportunityApi.json;
import static org.opportune.opportunity.OpportunityApi.newOpportunity;
import static org.opportune.opportunity.OpportunityApi.signedIn;
import static org.opportune.opportunity.OpportunityApi.user;

@IntegrationTest
class OpportunityPagesIntegrationTests {

    private static final Pattern LOCATION_ID = Pattern.compile("/opportunities/(\\d+)$");

    @LocalServerPort
    int port;

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
    JdbcClient jdbc;

    @Autowired
    CustomerService customers;

    @Test
    void companyAndContactArePickedByNameNotByNumber() {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var moebler = customers.createCompany(Actor.system(), new CompanyCommand("Lindqvist Möbler " + run,
                List.of("moebler-" + run + ".example"), "", Relationship.PROSPECT, ""));
        var design = customers.createCompany(Actor.system(), new CompanyCommand("Lindqvist Design " + run,
                List.of("design-" + run + ".example"), "", Relationship.PROSPECT, ""));
        var sara = customers.createContact(Actor.system(), new ContactCommand("Sara Lind " + run,
                List.of("sara@moebler-" + run + ".example"), "", moebler.id(), Relationship.PROSPECT, ""));
        var browser = signedIn(port, user(identity, Role.REP));

        var options = browser.getHtmx("/opportunities/customer-options?kind=company&companyId=" + run);
        var ambiguous = browser.post("/opportunities", form("Kitchen for " + run, run, ""));
        var unknown = browser.post("/opportunities", form("Kitchen for " + run, "Nobody " + run, ""));
        var unknownNumber = browser.post("/opportunities", form("Kitchen for " + run, "98765432", ""));
        var created = browser.post("/opportunities", form("Kitchen for " + run, "lindqvist möbler " + run,
                "sara@moebler-" + run + ".example"));
        var id = id(created.headers().firstValue("Location").orElseThrow());
        var page = browser.get("/opportunities/" + id).body();

        assertThat(options.body()).contains("value=\"Lindqvist Möbler " + run + " #" + moebler.id() + "\"",
                "value=\"Lindqvist Design " + run + " #" + design.id() + "\"");
        assertThat(ambiguous.statusCode()).isEqualTo(200);
        assertThat(ambiguous.body()).contains("Several companies match", "Lindqvist Design " + run + " #" + design.id(),
                "value=\"" + run + "\"");
        assertThat(unknown.body()).contains("No company matches");
        assertThat(unknownNumber.statusCode()).isEqualTo(200);
        assertThat(unknownNumber.body()).contains("No company matches '98765432'");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(jdbc.sql("select company_id, contact_id from opportunities where id = :id").param("id", id)
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single()).containsExactly(moebler.id(), sara.id());
        assertThat(page).contains("value=\"Lindqvist Möbler " + run + " #" + moebler.id() + "\"",
                "value=\"Sara Lind " + run + " #" + sara.id() + "\"");
    }

    private static Map<String, String> form(String title, String company, String contact) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("title", title);
        fields.put("description", "");
        fields.put("value", "");
        fields.put("currency", "EUR");
        fields.put("source", "mailbox");
        fields.put("sourceDetail", "");
        fields.put("companyId", company);
        fields.put("contactId", contact);
        fields.put("nextAction", "Send the kitchen quote");
        fields.put("nextActionDue", due(1));
        return fields;
    }

    @Test
    void anOpportunityIsCreatedFromAConversationInOneStepWithTheFieldsFilledIn() {
        var mailbox = mailboxes.ensureMailbox("sales@brightline.example");
        var sender = "anna-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        var raw = "From: Anna <" + sender + ">\r\nTo: sales@brightline.example\r\nSubject: Re: Fwd: Quote for 12 desks\r\n"
                + "Date: Mon, 2 Mar 2026 09:00:00 +0000\r\nMessage-ID: <" + UUID.randomUUID() + "@customer.example>\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nHello, could you send us a quote for 12 standing desks?\r\n";
        var messageId = ingestion.ingest(IngestSource.imported(mailbox.id(), "test"), raw.getBytes(StandardCharsets.UTF_8))
                .messageId();
        var conversationId = await().atMost(Duration.ofSeconds(20))
                .until(() -> conversations.conversationOf(messageId).orElse(null), c -> c != null);
        await().atMost(Duration.ofSeconds(20)).until(() -> triage.triage(messageId).isPresent());
        var rep = user(identity, Role.REP);
        var browser = signedIn(port, rep);

        var form = browser.get("/opportunities/new?conversation=" + conversationId);
        var fields = new LinkedHashMap<String, String>();
        fields.put("conversationId", Long.toString(conversationId));
        fields.put("title", "Quote for 12 desks");
        fields.put("description", "12 standing desks");
        fields.put("value", "");
        fields.put("currency", "EUR");
        fields.put("source", "mailbox");
        fields.put("sourceDetail", "sales@brightline.example");
        fields.put("nextAction", "Send quote for 12 standing desks");
        fields.put("nextActionDue", due(1));
        var created = browser.post("/opportunities", fields);
        var id = id(created.headers().firstValue("Location").orElseThrow());
        var page = browser.get("/opportunities/" + id);

        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("value=\"Quote for 12 desks\"", "value=\"sales@brightline.example\"",
                "buying signal", sender, "name=\"conversationId\" value=\"" + conversationId + "\"")
                .doesNotContain("value=\"Re: Fwd:");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(page.body()).contains("Quote for 12 desks", "#" + conversationId, rep.displayName(), "Send quote for 12 standing desks");
        assertThat(jdbc.sql("select after_json from activity_entries where subject_type = 'opportunity' and subject_id = :id")
                .param("id", Long.toString(id)).query(String.class).single()).contains("\"conversationId\":" + conversationId);
    }

    @Test
    void aLinkFollowsItsConversationWhenTwoConversationsAreMerged() {
        var kept = conversation("Desks for the Leeds office");
        var merged = conversation("Chairs for the Leeds office");
        var rep = user(identity, Role.REP);
        var browser = signedIn(port, rep);
        var id = json(browser.json("POST", "/api/v1/opportunities",
                newOpportunity("Leeds office", "\"conversationId\": " + merged))).get("id").asLong();

        conversations.merge(org.opportune.shared.Actor.system(), kept, merged);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(json(browser.json("GET", "/api/v1/opportunities/" + id + "/conversations", null))
                        .findValuesAsString("subject")).containsExactly("Desks for the Leeds office"));
    }

    @Test
    void theOpportunityPageShowsRefusalsNextToTheFieldAndAStaleEditWithWhatChanged() {
        var rep = user(identity, Role.REP);
        var manager = user(identity, Role.MANAGER);
        var browser = signedIn(port, rep);
        var boss = signedIn(port, manager);
        var id = json(browser.json("POST", "/api/v1/opportunities", newOpportunity("Meeting room tables", ""))).get("id").asLong();
        var list = browser.get("/opportunities");
        var page = browser.get("/opportunities/" + id);

        var vague = browser.post("/opportunities/" + id, edit("Meeting room tables", "keep in touch", 0));
        boss.json("PATCH", "/api/v1/opportunities/" + id, "{\"version\": 0, \"nextAction\": \"Call Ben about table sizes\"}");
        var stale = browser.post("/opportunities/" + id, edit("Meeting room tables, oak", "Send the oak samples", 0));
        var again = browser.post("/opportunities/" + id, edit("Meeting room tables, oak", "Send the oak samples", 1));
        var lostWithoutReason = browser.post("/opportunities/" + id + "/stage", Map.of("stage", "lost", "version", "2"));
        var after = json(browser.json("GET", "/api/v1/opportunities/" + id, null));

        assertThat(list.body()).contains("Meeting room tables", "EUR 12,500.00");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Stage history", "Timeline", "opportunity.created", "Won…", "Lost…", "Chose a competitor");
        assertThat(vague.statusCode()).isEqualTo(200);
        assertThat(vague.body()).contains("id=\"nextAction-error\"", "too vague", "Send revised quote with volume discount");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).contains("Someone changed this opportunity after you opened it", "id=\"stale-changes\"",
                "Call Ben about table sizes", manager.username(), "name=\"version\" value=\"1\"");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(302);
        assertThat(lostWithoutReason.statusCode()).isEqualTo(200);
        assertThat(lostWithoutReason.body()).contains("id=\"lostReason-error\"", "Lost needs a reason");
        assertThat(after.get("title").asString()).isEqualTo("Meeting room tables, oak");
        assertThat(after.get("nextAction").asString()).isEqualTo("Send the oak samples");
        assertThat(after.get("outcome").isNull()).isTrue();
    }

    @Test
    void aLeadShowsClaimToRepsAndNothingToChangeToViewers() {
        var rep = user(identity, Role.REP);
        var viewer = user(identity, Role.VIEWER);
        var browser = signedIn(port, rep);
        var reader = signedIn(port, viewer);
        var id = json(browser.json("POST", "/api/v1/opportunities", newOpportunity("Filing cabinets", "\"unassigned\": true")))
                .get("id").asLong();

        var repPage = browser.get("/opportunities/" + id);
        var viewerPage = reader.get("/opportunities/" + id);
        var viewerClaim = reader.post("/opportunities/" + id + "/claim", Map.of());
        var viewerNew = reader.get("/opportunities/new");
        var claimed = browser.post("/opportunities/" + id + "/claim", Map.of());
        var claimedPage = browser.get("/opportunities/" + id);

        assertThat(repPage.body()).contains(">Claim<", "Unassigned");
        assertThat(viewerPage.statusCode()).isEqualTo(200);
        assertThat(viewerPage.body()).contains("Filing cabinets").doesNotContain(">Claim<", ">Save<", "Lost…", "EUR 12,500.00");
        assertThat(viewerClaim.statusCode()).isEqualTo(403);
        assertThat(viewerNew.statusCode()).isEqualTo(403);
        assertThat(claimed.statusCode()).isEqualTo(302);
        assertThat(claimedPage.body()).contains("It is yours now.", rep.displayName()).doesNotContain(">Claim<");
    }

    @Test
    void anAdminRenamesReordersAddsAndDeactivatesStagesButKeepsWonAndLost() {
        var admin = user(identity, Role.ADMIN);
        var rep = user(identity, Role.REP);
        var browser = signedIn(port, admin);
        var name = "Site visit " + UUID.randomUUID().toString().substring(0, 4);

        var added = browser.post("/admin/pipeline", Map.of("name", name, "kind", "open", "defaultProbability", "40"));
        var key = pipelineKey(name);
        var renamed = browser.post("/admin/pipeline/" + key, Map.of("name", name + " done", "defaultProbability", "45"));
        var moved = browser.post("/admin/pipeline/" + key + "/move", Map.of("direction", "-1"));
        var wonOff = browser.post("/admin/pipeline/won/active", Map.of("active", "false"));
        var badProbability = browser.post("/admin/pipeline/" + key, Map.of("name", name + " done", "defaultProbability", "140"));
        var id = json(browser.json("POST", "/api/v1/opportunities", newOpportunity("Site visit deal", ""))).get("id").asLong();
        browser.get("/admin/pipeline");
        browser.json("POST", "/api/v1/opportunities/" + id + "/stage", "{\"stage\": \"" + key + "\", \"version\": 0}");
        var busyOff = browser.post("/admin/pipeline/" + key + "/active", Map.of("active", "false"));
        var page = browser.get("/admin/pipeline");
        var repPage = signedIn(port, rep).get("/admin/pipeline");

        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(renamed.statusCode()).isEqualTo(302);
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(wonOff.statusCode()).isEqualTo(200);
        assertThat(wonOff.body()).contains("needs its Won stage");
        assertThat(badProbability.body()).contains("from 0 to 100");
        assertThat(busyOff.body()).contains("1 open opportunity is in '" + name + " done'");
        assertThat(page.body()).contains(name + " done", "New lead", "Won", "Lost/closed");
        assertThat(repPage.statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select action from activity_entries where subject_type = 'pipeline_stage' and subject_id = :key order by id")
                .param("key", key).query(String.class).list())
                .containsExactly("pipeline.stage_added", "pipeline.stage_renamed", "pipeline.stage_probability_changed",
                        "pipeline.stage_moved");
    }

    private long conversation(String subject) {
        var mailbox = mailboxes.ensureMailbox("sales@brightline.example");
        var raw = "From: Ben <ben-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example>\r\n"
                + "To: sales@brightline.example\r\nSubject: " + subject + "\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@customer.example>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Please send us a quote.\r\n";
        var messageId = ingestion.ingest(IngestSource.imported(mailbox.id(), "test"), raw.getBytes(StandardCharsets.UTF_8))
                .messageId();
        return await().atMost(Duration.ofSeconds(20)).until(() -> conversations.conversationOf(messageId).orElse(null),
                c -> c != null);
    }

    private String pipelineKey(String name) {
        return jdbc.sql("select stage_key from pipeline_stages where name = :name").param("name", name).query(String.class).single();
    }

    private static Map<String, String> edit(String title, String nextAction, int version) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("version", Integer.toString(version));
        fields.put("title", title);
        fields.put("description", "Tables");
        fields.put("value", "12500.00");
        fields.put("currency", "EUR");
        fields.put("probability", "");
        fields.put("expectedClose", "");
        fields.put("source", "mailbox");
        fields.put("sourceDetail", "sales@brightline.example");
        fields.put("companyId", "");
        fields.put("contactId", "");
        fields.put("nextAction", nextAction);
        fields.put("nextActionDue", due(2));
        return fields;
    }

    private static long id(String location) {
        var matcher = LOCATION_ID.matcher(location);
        assertThat(matcher.find()).as(location).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
