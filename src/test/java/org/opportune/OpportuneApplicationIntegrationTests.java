package org.opportune;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.opportune.shared.JarCommand;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OpportuneApplicationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    List<JarCommand> commands;

    @Test
    void helpListsEveryCommandThatTheJarCanRun() {
        assertThat(commands).isNotEmpty();
        for (var command : commands) {
            assertThat(OpportuneApplication.isKnownCommand(command.name())).as(command.name()).isTrue();
            assertThat(OpportuneApplication.help()).contains(command.name()).contains(command.summary());
        }
    }

    @Test
    void healthReportsTheDatabase() {
        var health = new Browser(port).get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\"");
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndSafeCookies() {
        var login = new Browser(port).get("/login");

        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'").contains("object-src 'none'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().allValues("Set-Cookie")).isNotEmpty().allSatisfy(cookie -> assertThat(cookie)
                .contains("HttpOnly").contains("SameSite=Lax"));
    }

    @Test
    void pagesHaveNoInlineScriptOrStyle() {
        var login = new Browser(port).get("/login").body();

        assertThat(login).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("style=\"").doesNotContain("onclick");
    }
}
