package org.opportune.triage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.identity.ApiTokenService;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.identity.UserAccount;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;
import org.opportune.testing.ApiClient;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Triage overrides through the API and the badge fragment, and the admin's rule editor with its preview. */
@IntegrationTest
class TriageWebIntegrationTests {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailIngestion ingestion;

    @Autowired
    TriageService triage;

    @Autowired
    IdentityService identity;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    JdbcClient jdbc;

    private long mailboxId;
    private String run;

    @BeforeEach
    void mailbox() {
        mailboxId = mailboxes.ensureMailbox("sales@harbour-web.example").id();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    /** Rule edits would change how later tests' messages are triaged. */
    @AfterEach
    void defaultRules() {
        jdbc.sql("delete from triage_rules").update();
    }

    @Test
    void theApiReadsATriageAndARepOverridesItWithAnAuditedChange() {
        var messageId = ingest("anna-" + run + "@customer.example", "Desks " + run, "Could you send us a quote for 12 desks?");
        awaitTriage(messageId);
        var viewer = api(Role.VIEWER);
        var rep = api(Role.REP);

        var read = viewer.get("/api/v1/messages/" + messageId + "/triage");
        var refused = viewer.send("PUT", "/api/v1/messages/" + messageId + "/triage", "{\"category\": \"SUPPORT\"}");
        var changed = rep.send("PUT", "/api/v1/messages/" + messageId + "/triage",
                "{\"category\": \"SUPPLIER\", \"rememberForSender\": true}");
        var unknown = rep.send("PUT", "/api/v1/messages/999999/triage", "{\"category\": \"SUPPLIER\"}");

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"category\":\"BUYING_SIGNAL\"", "send us a quote");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("\"category\":\"SUPPLIER\"", "\"overriddenBy\":\"rep-");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"status\":404", "No triage for message 999999");
        assertThat(triage.triage(messageId).orElseThrow().category()).isEqualTo(Category.SUPPLIER);
        assertThat(overrides(messageId)).isEqualTo(1);
    }

    @Test
    void theBadgeFragmentExplainsTheCategoryAndOverridingItWritesTheTrail() {
        var messageId = ingest("ben-" + run + "@customer.example", "Chairs " + run, "Could you send us a quote for 10 chairs?");
        awaitTriage(messageId);
        var rep = browser(Role.REP);
        var viewer = browser(Role.VIEWER);

        var badge = rep.getHtmx("/triage/messages/" + messageId + "/badge");
        var readOnly = viewer.getHtmx("/triage/messages/" + messageId + "/badge");
        rep.get("/account");
        var overridden = rep.post("/triage/messages/" + messageId + "/category", Map.of("category", "support",
                "rememberForSender", "true"));
        var after = rep.getHtmx("/triage/messages/" + messageId + "/badge");
        var viewerPost = viewer.post("/triage/messages/" + messageId + "/category", Map.of("category", "bulk"));

        assertThat(badge.statusCode()).isEqualTo(200);
        assertThat(badge.body()).contains("id=\"triage-" + messageId + "\"", ">buying signal</span>",
                "title=\"buying signal: asks for a quote", "Remember for this sender", "name=\"category\"").doesNotContain("<html");
        assertThat(readOnly.body()).contains(">buying signal</span>").doesNotContain("name=\"category\"");
        assertThat(overridden.statusCode()).isEqualTo(302);
        assertThat(after.body()).contains(">support</span>", "Category chosen by rep-");
        assertThat(viewerPost.statusCode()).isEqualTo(403);
        assertThat(overrides(messageId)).isEqualTo(1);
        assertThat(jdbc.sql("select after_json from activity_entries where action = 'triage.overridden' and subject_id = :id")
                .param("id", Long.toString(messageId)).query(String.class).single()).contains("support", "ben-" + run);
    }

    @Test
    void thePreviewShowsWhatAnEditWouldChangeAndSavesNothingThenSaveAppliesIt() {
        var quote = ingest("clara-" + run + "@customer.example", "Sofas " + run, "Could you send us a quote for 3 sofas?");
        var lunch = ingest("dan-" + run + "@customer.example", "Thanks " + run, "Thanks for the lovely lunch yesterday.");
        awaitTriage(quote);
        awaitTriage(lunch);
        var admin = browser(Role.ADMIN);
        var rule = "buying.quote.ask.en";
        var edit = admin.get("/admin/triage/rules/" + rule);
        var form = ruleForm(false, rule, "0.9", "\\b(send|give)\\s+us\\s+a\\s+quotation\\b");
        var storedBefore = storedCategories();
        var entriesBefore = trailSize();

        var preview = admin.post("/admin/triage/rules", with(form, "action", "preview"));

        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).contains("value=\"" + rule + "\"", "asks for a quote", "Try on the last 500 messages");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Sofas " + run).doesNotContain("Thanks " + run);
        assertThat(preview.body()).containsPattern("Preview: [1-9]\\d* of \\d+ messages would change category");
        assertThat(preview.body()).containsPattern("Sofas " + run + "</td>\\s*<td>[^<]+</td>\\s*<td>buying signal</td>\\s*<td>other</td>");
        assertThat(storedCategories()).as("the preview changes nothing stored").isEqualTo(storedBefore);
        assertThat(jdbc.sql("select count(*) from triage_rules").query(Long.class).single()).isZero();
        assertThat(trailSize()).isEqualTo(entriesBefore);

        var saved = admin.post("/admin/triage/rules", with(form, "action", "save"));
        var list = admin.get("/admin/triage/rules");
        var next = ingest("emma-" + run + "@customer.example", "Tables " + run, "Could you send us a quote for 2 tables?");

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(list.body()).contains("Rule " + rule + " is saved").containsPattern("id=\"rule-" + rule.replace(".", "\\.")
                + "\"[\\s\\S]*?>edited</span>");
        assertThat(awaitTriage(next).category()).as("messages triaged from now on use the saved rule").isNotEqualTo(Category.BUYING_SIGNAL);
        assertThat(jdbc.sql("select before_json || ' -> ' || after_json from activity_entries where action = 'triage.rule_changed' and subject_id = :id")
                .param("id", rule).query(String.class).single()).contains("pattern", "quotation").doesNotContain("\"weight\"");
    }

    @Test
    void anInvalidRuleIsRefusedNextToItsFieldAndANewRuleIsAdded() {
        var admin = browser(Role.ADMIN);
        admin.get("/admin/triage/rules/new");

        var badPattern = admin.post("/admin/triage/rules", with(ruleForm(true, "buying.tender-" + run + ".en", "0.8", "(tender"), "action", "preview"));
        var badWeight = admin.post("/admin/triage/rules", with(ruleForm(true, "buying.tender-" + run + ".en", "5", "\\btender\\b"), "action", "save"));
        var taken = admin.post("/admin/triage/rules", with(ruleForm(true, "buying.quote.ask.en", "0.8", "\\btender\\b"), "action", "save"));
        var everything = admin.post("/admin/triage/rules", with(ruleForm(true, "buying.any-" + run + ".en", "0.8", ".*"), "action", "save"));
        var added = admin.post("/admin/triage/rules", with(ruleForm(true, "buying.tender-" + run + ".en", "0.8", "\\btender\\b"), "action", "save"));

        assertThat(badPattern.body()).contains("id=\"pattern-error\">This is not a valid regular expression");
        assertThat(badWeight.body()).contains("id=\"weight-error\">Enter a weight from 0.01 to 1.0");
        assertThat(taken.body()).contains("id=\"id-error\">A rule with this id exists already");
        assertThat(everything.body()).contains("id=\"pattern-error\">The pattern matches an empty text");
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select count(*) from triage_rules where rule_id like :id").param("id", "%" + run + "%")
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from activity_entries where action = 'triage.rule_added' and subject_id = :id")
                .param("id", "buying.tender-" + run + ".en").query(Long.class).single()).isEqualTo(1);
        assertThat(browser(Role.MANAGER).get("/admin/triage/rules").statusCode()).isEqualTo(403);
    }

    private Map<String, String> ruleForm(boolean isNew, String id, String weight, String pattern) {
        var form = new LinkedHashMap<String, String>();
        form.put("isNew", Boolean.toString(isNew));
        form.put("id", id);
        form.put("category", "buying_signal");
        form.put("language", "en");
        form.put("where", "text");
        form.put("kind", "asks for a quote");
        form.put("weight", weight);
        form.put("pattern", pattern);
        form.put("negatable", "true");
        form.put("enabled", "true");
        return form;
    }

    private static Map<String, String> with(Map<String, String> form, String key, String value) {
        var copy = new LinkedHashMap<>(form);
        copy.put(key, value);
        return copy;
    }

    private String storedCategories() {
        return String.join(",", jdbc.sql("select message_id || ':' || category from message_triage order by message_id")
                .query(String.class).list());
    }

    private long trailSize() {
        return jdbc.sql("select count(*) from activity_entries").query(Long.class).single();
    }

    private long overrides(long messageId) {
        return jdbc.sql("select count(*) from activity_entries where action = 'triage.overridden' and subject_id = :id")
                .param("id", Long.toString(messageId)).query(Long.class).single();
    }

    private ApiClient api(Role role) {
        var user = identity.createUserWithPassword(Actor.system(), role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8),
                "Test " + role.label(), null, role, PASSWORD, "test");
        return new ApiClient(port, tokens.create(UserAccount.of(user), "test").secret());
    }

    private Browser browser(Role role) {
        var username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createUserWithPassword(Actor.system(), username, "Test " + role.label(), null, role, PASSWORD, "test");
        var browser = new Browser(port);
        browser.signIn(username, PASSWORD);
        return browser;
    }

    private long ingest(String from, String subject, String body) {
        var raw = "From: " + from + "\r\nTo: sales@harbour-web.example\r\nSubject: " + subject + "\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@test.example>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw.getBytes(StandardCharsets.UTF_8));
        assertThat(result.messageId()).isNotNull();
        return result.messageId();
    }

    private TriageView awaitTriage(long messageId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> triage.triage(messageId).orElse(null), v -> v != null);
    }
}
