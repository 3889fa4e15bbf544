package org.opportune.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * The pages a rep uses all day, in a real browser at a laptop's 1280 px and at a phone's 390 px: nothing
 * makes the page scroll sideways (the board's columns scroll inside their own strip), every form field
 * has a label a screen reader can read, every button a name, and nothing breaks the content security policy.
 */
@IntegrationTest
class PagesInABrowserIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static Chromium chromium;

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

    private String username;
    private List<String> pages;

    @BeforeAll
    static void start() {
        chromium = new Chromium();
    }

    @AfterAll
    static void stop() {
        chromium.close();
    }

    @BeforeEach
    void data() {
        var run = UUID.randomUUID().toString().substring(0, 8);
        username = "rep-" + run;
        identity.createUserWithPassword(Actor.system(), username, "Rita Rep " + run, null, Role.REP, PASSWORD, "test");
        var mailbox = mailboxes.ensureMailbox("sales@pages-test.example");
        var raw = """
                From: Lena Vogt <lena.%s@northwind-%s.example>
                To: sales@pages-test.example
                Subject: Quote for 40 standing desks with a rather long subject line that must wrap on a phone %s
                Message-ID: <pages-%s@northwind.example>
                Date: Mon, 4 May 2026 09:00:00 +0000
                Content-Type: text/plain; charset=utf-8

                Hello, could you send us a quote for 40 standing desks? https://northwind.example/a/very/long/link/that/does/not/break/anywhere/at/all/%s
                Lena
                """.formatted(run, run, run, run, run).replace("\n", "\r\n");
        var messageId = ingestion.ingest(IngestSource.imported(mailbox.id(), "test"), raw.getBytes(StandardCharsets.UTF_8)).messageId();
        var conversationId = await().atMost(Duration.ofSeconds(30))
                .until(() -> conversations.conversationOf(messageId).orElse(null), c -> c != null);
        pages = List.of("/inbox", "/conversations/" + conversationId, "/opportunities/new?conversation=" + conversationId,
                "/pipeline", "/opportunities", "/review", "/tasks", "/customers", "/account");
    }

    @Test
    void atPhoneWidthNoPageScrollsSidewaysAndEveryFieldIsLabelled() {
        checkAll(390, 844);
    }

    @Test
    void atLaptopWidthNoPageScrollsSidewaysAndEveryFieldIsLabelled() {
        checkAll(1280, 800);
    }

    private void checkAll(int width, int height) {
        var problems = new ArrayList<String>();
        var fieldsChecked = 0;
        try (BrowserContext context = chromium.newContext(port)) {
            var page = context.newPage();
            page.setViewportSize(width, height);
            page.onConsoleMessage(m -> {
                if (m.type().equals("error")) {
                    problems.add(page.url() + ": console: " + m.text());
                }
            });
            page.onPageError(e -> problems.add(page.url() + ": error: " + e));
            signIn(page);
            for (var path : pages) {
                var response = page.navigate(path);
                assertThat(response.status()).as(path).isEqualTo(200);
                page.waitForLoadState();
                var overflow = (Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
                if (overflow.intValue() > 1) {
                    problems.add(path + ": the page is " + overflow + " px wider than the " + width + " px screen: "
                            + page.evaluate(WIDEST));
                }
                @SuppressWarnings("unchecked")
                var unlabelled = (List<String>) page.evaluate(UNLABELLED);
                unlabelled.forEach(field -> problems.add(path + ": no accessible name: " + field));
                fieldsChecked += ((Number) page.evaluate(VISIBLE_FIELDS)).intValue();
            }
        }
        assertThat(problems).isEmpty();
        assertThat(fieldsChecked).as("visible fields and buttons checked").isGreaterThan(30);
    }

    private void signIn(Page page) {
        page.navigate("/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> !url.contains("/login"));
    }

    private static final String VISIBLE_FIELDS = """
            () => [...document.querySelectorAll('input, select, textarea, button')]
                .filter(el => el.type !== 'hidden' && el.offsetParent !== null).length
            """;

    /** Visible form fields and buttons without a name that assistive technology can read. */
    private static final String UNLABELLED = """
            () => [...document.querySelectorAll('input, select, textarea, button')]
                .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
                .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                    && !el.getAttribute('aria-labelledby') && !el.getAttribute('title')
                    && !(el.tagName === 'BUTTON' && el.textContent.trim())
                    && !(el.type === 'submit' && el.value))
                .map(el => el.outerHTML.slice(0, 160))
            """;

    /** The element that sticks out furthest to the right, to say what overflows. */
    private static final String WIDEST = """
            () => { let worst = null, right = 0;
                for (const el of document.body.querySelectorAll('*')) {
                    const r = el.getBoundingClientRect().right;
                    if (r > right) { right = r; worst = el; } }
                return worst ? worst.outerHTML.slice(0, 160) : ''; }
            """;
}
