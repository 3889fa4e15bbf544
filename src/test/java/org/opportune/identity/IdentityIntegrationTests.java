package org.opportune.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.opportune.shared.Actor;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class IdentityIntegrationTests {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Test
    void firstRunSendsEveryPageToSetupThenCreatesTheAdmin() {
        var browser = new Browser(port);

        var home = browser.get("/");
        var setupPage = browser.get("/setup");
        var created = browser.post("/setup", Map.of("username", "Anna", "displayName", "Anna Berg", "email", "",
                "password", PASSWORD, "passwordRepeat", PASSWORD));
        var signedIn = browser.signIn("anna", PASSWORD);
        var secondSetup = browser.get("/setup");

        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/setup"));
        assertThat(setupPage.body()).contains("Create the first admin account");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        assertThat(browser.get("/admin/users").body()).contains("Anna Berg");
        assertThat(secondSetup.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
