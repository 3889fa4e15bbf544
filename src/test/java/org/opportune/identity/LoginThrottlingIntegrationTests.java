package org.opportune.identity;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import org.opportune.shared.Actor;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Every test here fails sign-ins from 127.0.0.1, so the class has a database of its own and clears it between tests. */
@IntegrationTest
@TestPropertySource(properties = "opportune.test.context=throttling")
class LoginThrottlingIntegrationTests {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    JdbcClient jdbc;

    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierFailures() {
        jdbc.sql("delete from login_attempts").update();
    }

    @Test
    void sixthAttemptOnAnAccountWithinFifteenMinutesIsRefusedWithTooManyRequests() {
        var username = newUser();
        var browser = new Browser(port);
        for (int i = 0; i < 5; i++) {
            var failed = browser.signIn(username, "wrong password " + i);
            assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        }

        var refused = browser.signIn(username, PASSWORD);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("Too many failed sign-in attempts. Try again in 15 minutes.");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(browser.get("/account").statusCode()).as("the right password did not sign in").isEqualTo(302);
    }

    @Test
    void fourFailuresThenTheRightPasswordSignsInAndClearsTheCount() {
        var username = newUser();
        var browser = new Browser(port);
        for (int i = 0; i < 4; i++) {
            browser.signIn(username, "wrong password " + i);
        }

        var signIn = browser.signIn(username, PASSWORD);

        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        assertThat(identity.loginRetryAfter(username, "10.9.9.9")).isEmpty();
    }

    @Test
    void fiveFailuresFromOneAddressOnDifferentAccountsThrottleThatAddress() {
        var browser = new Browser(port);
        for (int i = 0; i < 5; i++) {
            browser.signIn("nobody-" + i + "-" + UUID.randomUUID(), "guess " + i);
        }

        var refused = new Browser(port).signIn(newUser(), PASSWORD);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("Too many failed sign-in attempts");
    }

    private String newUser() {
        var username = "rep-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createUserWithPassword(Actor.system(), username, "Test Rep", null, Role.REP, PASSWORD, "test");
        return username;
    }
}
