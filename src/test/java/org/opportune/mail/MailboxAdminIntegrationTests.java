package org.opportune.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.shared.Actor;
import org.opportune.testing.Browser;
import org.opportune.testing.GreenMailServer;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class MailboxAdminIntegrationTests {

    static final String IMAP_PASSWORD = "imap-Pa55word-never-shown";

    @LocalServerPort
    int port;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    GreenMailServer server;

    @BeforeEach
    void startServer() {
        server = new GreenMailServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void anAdminAddsEditsAndTestsAMailboxAndNeverSeesThePasswordAgain() {
        var admin = signedInAdmin();
        var login = "pages-" + shortId();
        var address = server.addUser(login, IMAP_PASSWORD);
        assertThat(admin.get("/admin/mailboxes/new").statusCode()).isEqualTo(200);

        var refused = admin.post("/admin/mailboxes", form(address, login, "imap.example.com", "NONE", IMAP_PASSWORD));
        var created = admin.post("/admin/mailboxes", form(address, login, "127.0.0.1", "NONE", IMAP_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        var id = mailboxes.findByAddress(address).orElseThrow().id();
        var edit = admin.get("/admin/mailboxes/" + id);
        var saved = admin.post("/admin/mailboxes/" + id, form(address, login, "127.0.0.1", "NONE", "").entrySet().stream()
                .collect(LinkedHashMap<String, String>::new, (m, e) -> m.put(e.getKey(),
                        e.getKey().equals("name") ? "Sales team" : e.getValue()), Map::putAll));
        admin.get("/admin/mailboxes");
        var tested = admin.post("/admin/mailboxes/" + id + "/test", Map.of());
        var list = admin.get("/admin/mailboxes");
        var rows = admin.getHtmx("/admin/mailboxes");

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"imapSecurity-error\"", "only allowed to this machine")
                .doesNotContain(IMAP_PASSWORD);
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(edit.body()).contains("A password is stored", address).doesNotContain(IMAP_PASSWORD);
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(tested.statusCode()).isEqualTo(302);
        assertThat(list.body()).contains("Sales team", "Mailboxes").doesNotContain(IMAP_PASSWORD);
        assertThat(rows.body()).contains("mailbox-" + id).doesNotContain("<html");
        assertThat(trail(id)).extracting(e -> e.get("action"))
                .containsSubsequence("mailbox.created", "mailbox.updated", "mailbox.connection_tested");
        assertThat(trail(id)).filteredOn(e -> e.get("action").equals("mailbox.connection_tested")).singleElement()
                .satisfies(e -> assertThat(e.get("after_json").toString()).contains("\"ok\":true"));
        assertThat(trail(id)).allSatisfy(e -> assertThat(e.toString()).doesNotContain(IMAP_PASSWORD));
        assertThat(jdbc.sql("select imap_password_enc from mailboxes where id = :id").param("id", id).query(String.class).single())
                .startsWith("v1:").doesNotContain(IMAP_PASSWORD);
    }

    @Test
    void theApiCreatesListsUpdatesAndTestsMailboxesWithProblemDetailsForErrors() {
        var admin = signedInAdmin();
        admin.get("/admin/mailboxes");
        var login = "api-" + shortId();
        var address = server.addUser(login, IMAP_PASSWORD);
        var body = """
                {"name": "API", "address": "%s", "imapHost": "127.0.0.1", "imapPort": %d, "imapSecurity": "NONE",
                 "imapUsername": "%s", "imapPassword": "%s", "folders": ["INBOX"], "syncEnabled": false}
                """.formatted(address, server.imapPort(), login, IMAP_PASSWORD);

        var created = admin.json("POST", "/api/v1/mailboxes", body);
        var id = mailboxes.findByAddress(address).orElseThrow().id();
        var list = admin.json("GET", "/api/v1/mailboxes", null);
        var updated = admin.json("PUT", "/api/v1/mailboxes/" + id, body.replace("\"API\"", "\"API renamed\"")
                .replace("\"imapPassword\": \"" + IMAP_PASSWORD + "\", ", ""));
        var tested = admin.json("POST", "/api/v1/mailboxes/" + id + "/test", null);
        var invalid = admin.json("POST", "/api/v1/mailboxes", body.replace(address, "other-" + address)
                .replace("127.0.0.1", "imap.example.com"));
        var missing = admin.json("GET", "/api/v1/mailboxes/999999", null);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/mailboxes/" + id);
        assertThat(created.body()).contains("\"imapPasswordStored\":true").doesNotContain(IMAP_PASSWORD, "_enc");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(address, "\"state\":\"DISABLED\"").doesNotContain(IMAP_PASSWORD);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.body()).contains("API renamed", "\"imapPasswordStored\":true");
        assertThat(tested.statusCode()).isEqualTo(200);
        assertThat(tested.body()).contains("\"ok\":true");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(invalid.body()).contains("\"imapSecurity\"", "only allowed to this machine");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("No such mailbox");
    }

    @Test
    void theSentFolderIsASettingOfPagesAndApiThatTestConnectionChecks() {
        var admin = signedInAdmin();
        admin.get("/admin/mailboxes");
        var login = "sent-" + shortId();
        var address = server.addUser(login, IMAP_PASSWORD);
        var body = """
                {"name": "Sent", "address": "%s", "imapHost": "127.0.0.1", "imapPort": %d, "imapSecurity": "NONE",
                 "imapUsername": "%s", "imapPassword": "%s", "folders": ["INBOX"], "syncEnabled": false, "sentFolder": "Sent"}
                """.formatted(address, server.imapPort(), login, IMAP_PASSWORD);

        var created = admin.json("POST", "/api/v1/mailboxes", body);
        var id = mailboxes.findByAddress(address).orElseThrow().id();
        var missing = admin.json("POST", "/api/v1/mailboxes/" + id + "/test", null);
        server.createFolder(login, IMAP_PASSWORD, "Sent");
        var found = admin.json("POST", "/api/v1/mailboxes/" + id + "/test", null);
        var edit = admin.get("/admin/mailboxes/" + id);
        var withoutImap = admin.json("POST", "/api/v1/mailboxes", """
                {"name": "No IMAP", "address": "noimap-%s", "sentFolder": "Sent"}""".formatted(address));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"sentFolder\":\"Sent\"");
        assertThat(missing.body()).contains("\"ok\":false", "FOLDER_MISSING", "Sent folder missing");
        assertThat(found.body()).contains("\"ok\":true", "sent replies go to Sent");
        assertThat(edit.body()).contains("id=\"sentFolder\"", "value=\"Sent\"");
        assertThat(withoutImap.statusCode()).isEqualTo(400);
        assertThat(withoutImap.body()).contains("\"sentFolder\"", "Set up the IMAP server");
        assertThat(trail(id)).extracting(e -> e.get("action")).contains("mailbox.created");
        assertThat(trail(id).get(0).get("after_json").toString()).contains("\"sentFolder\":\"Sent\"");
    }

    @Test
    void ownDomainsAreTheMailboxDomainsAndTheConfiguredOnes() {
        mailboxes.ensureMailbox("someone@Own-" + shortId() + ".example");

        assertThat(mailboxes.ownDomains()).anyMatch(d -> d.startsWith("own-") && d.endsWith(".example"));
    }

    @Test
    void connectCreatesOrUpdatesAMailboxWithSyncOn() {
        var login = "connect-" + shortId();
        var address = server.addUser(login, IMAP_PASSWORD);
        var command = MailboxCommand.imap("Demo", address, "127.0.0.1", server.imapPort(), MailSecurity.NONE, login,
                IMAP_PASSWORD).withSyncEnabled(false);

        var first = mailboxes.connect(Actor.system(), command);
        var second = mailboxes.connect(Actor.system(), command.withFolders(List.of("INBOX", "Archive")));

        assertThat(first.syncEnabled()).isTrue();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.folders()).containsExactly("INBOX", "Archive");
        mailboxes.enableSync(Actor.system(), first.id(), false);
    }

    private Map<String, String> form(String address, String login, String host, String security, String password) {
        var form = new LinkedHashMap<String, String>();
        form.put("name", "Sales");
        form.put("address", address);
        form.put("imapHost", host);
        form.put("imapPort", Integer.toString(server.imapPort()));
        form.put("imapSecurity", security);
        form.put("imapUsername", login);
        form.put("imapPassword", password);
        form.put("folders", "INBOX");
        form.put("pollIntervalSeconds", "1");
        return form;
    }

    private List<Map<String, Object>> trail(long mailboxId) {
        return jdbc.sql("""
                        select action, before_json, after_json from activity_entries
                        where subject_type = 'mailbox' and subject_id = :id order by id
                        """)
                .param("id", Long.toString(mailboxId)).query().listOfRows();
    }

    private Browser signedInAdmin() {
        var username = "admin-" + shortId();
        identity.createUserWithPassword(Actor.system(), username, "Test Admin", null, Role.ADMIN, "correct horse battery", "test");
        var browser = new Browser(port);
        browser.signIn(username, "correct horse battery");
        return browser;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
