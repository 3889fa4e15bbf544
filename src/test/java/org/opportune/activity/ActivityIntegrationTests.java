package org.opportune.activity;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.shared.Actor;
import org.opportune.shared.JarCommand;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Tampers with the trail, so it has a database of its own. */
@IntegrationTest
@TestPropertySource(properties = "opportune.test.context=activity")
class ActivityIntegrationTests {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    ActivityService activity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    List<JarCommand> commands;

    @Test
    void signInsAndAccountChangesLandInTheTrailWithOriginAndBeforeAndAfter() {
        var rep = newUser(Role.REP);
        var userId = identity.findByUsername(rep).orElseThrow().id();

        new Browser(port).signIn(rep, "wrong password");
        new Browser(port).signIn(rep, PASSWORD);
        identity.changeRole(Actor.system(), userId, Role.MANAGER);

        var entries = activity.page(new ActivityFilter(null, null, "user", Long.toString(userId), null, null), 0).entries();
        assertThat(entries).extracting(ActivityEntry::action)
                .containsExactly("user.role_changed", "login.succeeded", "login.failed", "user.created");
        assertThat(entries.get(1).origin()).isEqualTo("127.0.0.1");
        assertThat(entries.get(1).actorName()).isEqualTo(rep);
        assertThat(entries.get(0).beforeJson()).isEqualTo("{\"role\":\"REP\"}");
        assertThat(entries.get(0).afterJson()).isEqualTo("{\"role\":\"MANAGER\"}");
        assertThat(entries.get(2).afterJson()).contains("wrong username or password");
    }

    @Test
    void concurrentChangesKeepTheChainIntact() throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 40; i++) {
            pool.submit(() -> newUser(Role.VIEWER));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        var result = activity.verify();

        assertThat(result.intact()).as(String.valueOf(result.problem())).isTrue();
        assertThat(result.entriesChecked()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void aTamperedRowIsFoundByTheVerifyCommandAndThePage() {
        newUser(Role.REP);
        var verifyCommand = commands.stream().filter(c -> c.name().equals("activity verify")).findFirst().orElseThrow();
        assertThat(run(verifyCommand).exitCode()).isZero();
        var victim = jdbc.sql("select max(id) from activity_entries where action = 'user.created'").query(Long.class).single();
        var original = jdbc.sql("select after_json from activity_entries where id = :id").param("id", victim).query(String.class).single();

        jdbc.sql("update activity_entries set after_json = '{\"role\":\"ADMIN\"}' where id = :id").param("id", victim).update();
        var result = run(verifyCommand);
        var admin = signedInAdmin();
        var page = admin.get("/admin/activity/verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).startsWith("broken at entry " + victim + ": its content does not match its hash");
        assertThat(page.body()).contains("Broken at entry " + victim);

        jdbc.sql("update activity_entries set after_json = :original where id = :id")
                .param("original", original).param("id", victim).update();
        assertThat(run(verifyCommand).exitCode()).as("restoring the row mends the chain").isZero();
    }

    @Test
    void theAdminPageListsFiltersPagesAndExports() {
        var admin = signedInAdmin();
        var marker = newUser(Role.VIEWER);
        for (int i = 0; i < 55; i++) {
            identity.changeRole(Actor.system(), identity.findByUsername(marker).orElseThrow().id(), i % 2 == 0 ? Role.REP : Role.VIEWER);
        }
        var userId = identity.findByUsername(marker).orElseThrow().id();

        var firstPage = admin.get("/admin/activity?subjectType=user&subjectId=" + userId);
        var secondPage = admin.get("/admin/activity?subjectType=user&subjectId=" + userId + "&page=1");
        var fragment = admin.getHtmx("/admin/activity?action=user.role&subjectId=" + userId);
        var nothing = admin.get("/admin/activity?actor=nobody-" + UUID.randomUUID());
        var csv = admin.get("/admin/activity/export?subjectId=" + userId);

        assertThat(firstPage.statusCode()).isEqualTo(200);
        assertThat(firstPage.body()).contains("1–50 of 56").contains("Older →").contains("user.role_changed");
        assertThat(secondPage.body()).contains("51–56 of 56").contains("user.created").contains("← Newer");
        assertThat(fragment.body()).startsWith("<div id=\"activity-results\">").doesNotContain("<html").contains("of 55");
        assertThat(nothing.body()).contains("No activity matches these filters.");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"opportune-activity.csv\"");
        assertThat(csv.body().lines()).hasSize(57).first().asString().startsWith("id,time_utc,actor,action");
    }

    private Browser signedInAdmin() {
        var browser = new Browser(port);
        browser.signIn(newUser(Role.ADMIN), PASSWORD);
        return browser;
    }

    private String newUser(Role role) {
        var username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createUserWithPassword(Actor.system(), username, "Test " + role.label(), null, role, PASSWORD, "test");
        return username;
    }

    private static CommandResult run(JarCommand command) {
        var out = new ByteArrayOutputStream();
        var exit = command.run(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        return new CommandResult(exit, out.toString(StandardCharsets.UTF_8));
    }

    private record CommandResult(int exitCode, String output) {
    }
}
