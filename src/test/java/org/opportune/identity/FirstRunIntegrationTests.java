package org.opportune.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A database of its own with no account at all: the first run of a new installation. */
@IntegrationTest
@TestPropertySource(properties = "opportune.test.context=first-run")
class FirstRunIntegrationTests {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Test
    void firstRunSendsEveryPageToSetupThenCreatesTheAdmin() {
        var browser = new Browser(port);

        var home = browser.get("/");
        var login = browser.get("/login");
        var setupPage = browser.get("/setup");
        var mismatch = browser.post("/setup", Map.of("username", "Anna", "displayName", "Anna Berg", "email", "",
                "password", PASSWORD, "passwordRepeat", "something else"));
        browser.get("/setup");
        var created = browser.post("/setup", Map.of("username", "Anna", "displayName", "Anna Berg", "email", "",
                "password", PASSWORD, "passwordRepeat", PASSWORD));
        var signedIn = browser.signIn("anna", PASSWORD);
        var users = browser.get("/admin/users");
        var secondSetup = new Browser(port).get("/setup");

        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/setup"));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("This installation has no accounts yet.");
        assertThat(setupPage.body()).contains("Create the first admin account");
        assertThat(mismatch.body()).contains("The two passwords are not the same.").contains("value=\"Anna Berg\"");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        assertThat(users.body()).contains("Anna Berg").contains("Admin <span class=\"muted\">(you)</span>");
        assertThat(secondSetup.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
