package org.opportune.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.conversation.ConversationService;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MessageReceived;
import org.opportune.shared.Actor;
import org.opportune.testing.Chromium;
import org.opportune.testing.IntegrationTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In Chromium, under the app's Content-Security-Policy: a colleague's @mention shows up in the top bar's
 * count without a reload (the count polls), and opening the notification goes to the note and clears it.
 */
@IntegrationTest
class NotificationBrowserIntegrationTests {

    private static final AtomicLong MESSAGE_IDS = new AtomicLong(950_000);
    private static final String PASSWORD = "correct horse battery staple";
    private static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    ConversationService conversations;

    @Autowired
    IdentityService identity;

    @BeforeAll
    static void start() {
        chromium = new Chromium();
    }

    @AfterAll
    static void stop() {
        chromium.close();
    }

    @Test
    void aMentionAppearsInTheCountWithoutAReloadAndOpeningItGoesToTheNote() {
        var run = UUID.randomUUID().toString().substring(0, 6);
        var conversation = newConversation("Fabric samples for the lobby " + run, run);
        var dana = newUser("dana-" + run, "Dana Reyes", Role.MANAGER);
        var marco = newUser("marco-" + run, "Marco Rossi", Role.REP);
        var cspErrors = new CopyOnWriteArrayList<String>();

        try (var danaContext = chromium.newContext(port); var marcoContext = chromium.newContext(port)) {
            var marcoPage = signedIn(marcoContext, marco, cspErrors);
            marcoPage.navigate("/tasks");
            assertThat(marcoPage.locator("#notifications-link .count")).hasCount(0);
            var danaPage = signedIn(danaContext, dana, cspErrors);
            danaPage.navigate("/conversations/" + conversation);

            danaPage.locator("#note-body").fill("@" + marco + " can you send them the fabric samples?");
            danaPage.locator("#add-note").click();

            assertThat(danaPage.locator(".flash")).containsText("mentioned " + marco);
            assertThat(marcoPage.locator("#notifications-link .count")).hasText("1",
                    new LocatorAssertions.HasTextOptions().setTimeout(45_000));
            assertThat(marcoPage.url()).as("no reload").endsWith("/tasks");
            assertThat(danaPage.locator("#notifications-link .count")).hasCount(0);

            marcoPage.locator("#notifications-link").click();
            var item = marcoPage.locator(".notification.unread");
            assertThat(item).containsText("Dana Reyes mentioned you");
            assertThat(item).containsText("Fabric samples for the lobby " + run);
            item.getByRole(AriaRole.BUTTON).click();

            marcoPage.waitForURL(Pattern.compile(".*/conversations/" + conversation + "#note-\\d+"));
            assertThat(marcoPage.locator(".note.card").last()).containsText("can you send them the fabric samples?");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(marcoPage.locator("#notifications-link .count")).hasCount(0));
            marcoPage.navigate("/notifications");
            assertThat(marcoPage.locator(".notification.read")).hasCount(1);
        }
        assertThat(cspErrors).as("nothing the Content-Security-Policy refused").isEmpty();
    }

    private long newConversation(String subject, String run) {
        var mailboxId = mailboxes.ensureMailbox("sales@notify-browser.example").id();
        var message = new MessageReceived(MESSAGE_IDS.incrementAndGet(), "b" + MESSAGE_IDS.get() + "." + run + "@mail.example",
                null, List.of(), subject, "anna@customer.example", null,
                List.of("anna@customer.example", "sales@notify-browser.example"), Instant.parse("2026-05-04T09:00:00Z"),
                mailboxId);
        transactions.executeWithoutResult(status -> publisher.publishEvent(message));
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(message.messageId()).isPresent());
        return conversations.conversationOf(message.messageId()).orElseThrow();
    }

    private String newUser(String username, String displayName, Role role) {
        identity.createUserWithPassword(Actor.system(), username, displayName, null, role, PASSWORD, "test");
        return username;
    }

    private static Page signedIn(BrowserContext context, String username, List<String> cspErrors) {
        var page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy") || message.text().contains("Content-Security-Policy")) {
                cspErrors.add(message.text());
            }
        });
        page.navigate("/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }
}
