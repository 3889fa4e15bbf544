package org.opportune.inbox;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.MailSecurity;
import org.opportune.mail.MailboxCommand;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;
import org.opportune.testing.Chromium;
import org.opportune.testing.GreenMailServer;
import org.opportune.testing.IntegrationTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The core loop of PRODUCT.md in a real browser against a real mail server (GreenMail over IMAP and
 * SMTP): a customer's email appears live in the inbox with its triage badge, becomes an opportunity,
 * is claimed, gets a concrete dated next action (a vague one is refused), is answered from the shared
 * address, the customer's answer puts it in "Waiting on us", and the deal is won with a value; the
 * timelines show every step. Also: two people on one conversation are warned of each other.
 */
@IntegrationTest
@TestPropertySource(properties = {"opportune.test.context=core-loop", "opportune.mail.outbox.poll-interval=300ms"})
class CoreLoopBrowserIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String CUSTOMER = "lena.vogt@northwind-traders.example";
    private static GreenMailServer server;
    private static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    IdentityService identity;

    @BeforeAll
    static void start() {
        server = new GreenMailServer();
        chromium = new Chromium();
    }

    @AfterAll
    static void stop() {
        chromium.close();
        server.close();
    }

    @Test
    void fromACustomerEmailToAWonDealInTheBrowser() {
        var run = UUID.randomUUID().toString().substring(0, 6);
        var sales = connectSalesMailbox(run);
        var anna = newUser("anna-" + run, "Anna Berg", Role.REP);
        var subject = "Quote for 40 standing desks " + run;

        try (var context = chromium.newContext(port)) {
            var page = signedIn(context, anna);
            page.navigate("/inbox?view=unassigned");

            // 1. the customer's email arrives over SMTP → IMAP and shows up live, with its triage badge
            var enquiryId = server.deliver(CUSTOMER, sales, subject,
                    "Hello,\n\ncan you send us a quote for 40 standing desks, delivered to Hamburg by March?\n\nLena Vogt\nNorthwind Traders", null);
            var row = page.locator(".conversation-row", new Page.LocatorOptions().setHasText(subject));
            assertThat(row).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
            // triage runs after threading (and after whatever else the shared test context left queued): allow for it
            assertThat(row.locator(".badge.cat-buying_signal")).hasText("Buying signal",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(45_000));
            assertThat(page.url()).as("no reload").endsWith("/inbox?view=unassigned");

            // 2. open it and create the opportunity, pre-filled from the conversation
            row.locator("a.subject").click();
            page.waitForURL(Pattern.compile(".*/conversations/\\d+"));
            var conversationUrl = page.url();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create opportunity")).click();
            assertThat(page.getByLabel("Title")).hasValue(subject);

            // 3. a vague next action is refused, a concrete dated one is accepted
            page.getByLabel("Next action").fill("follow up");
            page.getByLabel("Due").fill(LocalDate.now().plusDays(3).toString());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create opportunity")).click();
            assertThat(page.locator(".field-error").first()).containsText("too vague");
            page.getByLabel("Next action").fill("Send the quote for 40 standing desks with delivery to Hamburg");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create opportunity")).click();
            page.waitForURL(Pattern.compile(".*/opportunities/\\d+"));
            var opportunityUrl = page.url();

            // 4. claim the conversation
            page.navigate(conversationUrl);
            page.locator("#claim").click();
            assertThat(page.locator("#owner")).hasText("Anna Berg");
            assertThat(page.locator(".side")).containsText("Send the quote for 40 standing desks");

            // 5. reply: GreenMail receives it from the shared address, threaded to the enquiry
            page.locator("#reply-text").fill("Hello Lena,\n\nthe quote for 40 desks is attached as promised.\n\nAnna");
            page.locator("#send").click();
            assertThat(page.locator(".flash")).containsText("Reply queued");
            var reply = await().atMost(Duration.ofSeconds(30)).until(() -> receivedBy(CUSTOMER, subject), m -> m != null);
            assertThat(header(reply, "From")).isEqualTo("Anna at Sales <" + sales + ">");
            assertThat(header(reply, "In-Reply-To")).isEqualTo("<" + enquiryId + ">");

            // 6. the customer answers: the conversation is waiting on us
            server.deliver(CUSTOMER, sales, "Re: " + subject, "Thanks! Can you do 5% off for 40?", messageId(reply));
            page.navigate("/inbox?view=waiting");
            assertThat(page.locator(".conversation-row", new Page.LocatorOptions().setHasText(subject))).isVisible(
                    new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));

            // 7. won with a value; the opportunity's timeline shows every step
            page.navigate(opportunityUrl);
            page.locator("summary", new Page.LocatorOptions().setHasText("Won…")).click();
            page.getByLabel("Value (EUR)").fill("18400");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark as won")).click();
            assertThat(page.locator("#timeline")).containsText("18400");
            var timeline = page.locator("#timeline").innerText();
            assertThat(timeline).containsIgnoringCase("created").containsIgnoringCase("won");

            page.navigate(conversationUrl);
            var trail = page.locator(".timeline").innerText();
            assertThat(trail).contains("Message from lena.vogt@northwind-traders.example", "Reply from Anna at Sales", "Anna Berg claimed the conversation");
        }
    }

    @Test
    void twoPeopleOnOneConversationAreWarnedOfEachOther() {
        var run = UUID.randomUUID().toString().substring(0, 6);
        var sales = connectSalesMailbox(run);
        var anna = newUser("anna-" + run, "Anna Berg", Role.REP);
        var ben = newUser("ben-" + run, "Ben Okafor", Role.REP);
        var subject = "Samples of oak flooring " + run;
        server.deliver(CUSTOMER, sales, subject, "Could you send us samples of the oak flooring?", null);

        try (var annaContext = chromium.newContext(port); var benContext = chromium.newContext(port)) {
            var annaPage = signedIn(annaContext, anna);
            var benPage = signedIn(benContext, ben);
            annaPage.navigate("/inbox?view=open");
            var row = annaPage.locator(".conversation-row", new Page.LocatorOptions().setHasText(subject));
            row.waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(30_000));
            row.locator("a.subject").click();
            annaPage.waitForURL(Pattern.compile(".*/conversations/\\d+"));
            benPage.navigate(annaPage.url());

            assertThat(annaPage.locator("#presence")).containsText("Ben Okafor is viewing");
            benPage.locator("#reply-text").fill("Samples are on their way.");
            assertThat(annaPage.locator("#presence")).containsText("Ben Okafor is replying");

            // Anna sends first; Ben's send is held because of the new activity
            annaPage.locator("#reply-text").fill("Hi Lena, I'll post the samples today.");
            annaPage.locator("#send").click();
            assertThat(annaPage.locator(".flash")).containsText("Reply queued");
            assertThat(benPage.locator("#new-activity")).isVisible();
            benPage.locator("#send").click();
            assertThat(benPage.locator("#held")).containsText("New activity since you started — review before sending");
            assertThat(benPage.locator("#reply-text")).hasValue("Samples are on their way.");

            // and two people cannot both claim
            annaPage.locator("#claim").click();
            benPage.reload();
            assertThat(benPage.locator("#claim")).hasCount(0);
            assertThat(benPage.locator("#owner")).hasText("Anna Berg");
        }
    }

    private String connectSalesMailbox(String run) {
        var login = "sales-" + run;
        var address = server.addUser(login, PASSWORD);
        mailboxes.create(Actor.system(), new MailboxCommand("Sales", address, "127.0.0.1", server.imapPort(),
                MailSecurity.NONE, login, PASSWORD, List.of("INBOX"), "127.0.0.1", server.smtpPort(), MailSecurity.NONE,
                null, null, 1, true));
        return address;
    }

    private String newUser(String username, String displayName, Role role) {
        identity.createUserWithPassword(Actor.system(), username, displayName, null, role, PASSWORD, "test");
        return username;
    }

    private static Page signedIn(BrowserContext context, String username) {
        var page = context.newPage();
        page.navigate("/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password").fill(PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    private static MimeMessage receivedBy(String address, String subjectPart) {
        return Arrays.stream(server.received()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(subjectPart)
                        && Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address))
                        && m.getFrom()[0].toString().contains(" at ");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElse(null);
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, ", ");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        return header(message, "Message-ID").replaceAll("[<>]", "");
    }
}
