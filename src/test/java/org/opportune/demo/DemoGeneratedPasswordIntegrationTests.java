package org.opportune.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import org.opportune.identity.IdentityService;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code OPPORTUNE_DEMO_PASSWORD}: a password is generated at the users' creation and shown once. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"opportune.demo.enabled=true", "opportune.demo.password="})
class DemoGeneratedPasswordIntegrationTests {

    private static final Pattern GENERATED = Pattern.compile("Password: (\\S{4}-\\S{4}-\\S{4}-\\S{4})");
    private static final int IMAP_PORT = DemoIntegrationTests.freePort();
    private static final int SMTP_PORT = DemoIntegrationTests.freePort();

    @DynamicPropertySource
    static void demoPorts(DynamicPropertyRegistry registry) {
        registry.add("opportune.demo.imap-port", () -> IMAP_PORT);
        registry.add("opportune.demo.smtp-port", () -> SMTP_PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    DemoStarter starter;

    @Autowired
    IdentityService identity;

    @Test
    void showsTheGeneratedPasswordOnceAndItSignsTheUsersIn(CapturedOutput startup) {
        var matcher = GENERATED.matcher(startup.getOut());
        assertThat(matcher.find()).as(startup.getOut()).isTrue();
        var password = matcher.group(1);

        var signedIn = new Browser(port).signIn("dana", password);
        var again = print();

        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        assertThat(startup.getOut()).contains("dana", "marco", "priya", "tom", "lena").contains("shown only now");
        assertThat(again).contains("dana", "lena").contains("printed when these users were created")
                .doesNotContain(password);
    }

    @Test
    void neverChangesThePasswordOfAnAccountThatIsNotADemoAccount(CapturedOutput startup) {
        var matcher = GENERATED.matcher(startup.getOut());
        assertThat(matcher.find()).isTrue();
        var password = matcher.group(1);
        // the same login names, but the accounts' e-mail addresses are not the demo's: real people's accounts
        var users = new DemoUsers(new DemoProperties(true, 0, 0, "a-configured-password"), "elsewhere.example", identity);

        var result = users.ensure();

        assertThat(result.accounts()).allSatisfy(a -> assertThat(a.status()).isEqualTo(DemoUsers.Status.NOT_A_DEMO_ACCOUNT));
        assertThat(new Browser(port).signIn("marco", password).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/"));
    }

    private String print() {
        var out = new ByteArrayOutputStream();
        starter.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
