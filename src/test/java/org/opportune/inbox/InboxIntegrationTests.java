package org.opportune.inbox;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import org.opportune.conversation.ConversationEvents.ConversationsCategorised;
import org.opportune.conversation.ConversationService;
import org.opportune.customer.CompanyCommand;
import org.opportune.customer.CustomerService;
import org.opportune.customer.Relationship;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.IngestSource;
import org.opportune.mail.IncomingMessage;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;
import org.opportune.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The inbox and the conversation page, over real mail through the ingestion path and real HTTP. */
@IntegrationTest
class InboxIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";

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

    @Autowired
    CustomerService customers;

    @Autowired
    org.springframework.context.ApplicationEventPublisher publisher;

    private long mailboxId;
    private String run;

    @BeforeEach
    void mailbox() {
        mailboxId = mailboxes.ensureMailbox("sales@inbox-test.example").id();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aNewLeadShowsInUnassignedWithItsBadgeAndMovesToMineWhenClaimed() {
        var conversationId = deliver(plain("lead-" + run, "Lena Vogt <lena@northwind.example>",
                "Quote for 40 standing desks " + run, "Hello, can you send us a quote for 40 standing desks? Lena"));
        var rep = signedIn(Role.REP);
        await().atMost(Duration.ofSeconds(30)).until(() -> rep.get("/inbox?view=unassigned&q=" + run).body().contains("Buying signal"));

        var unassigned = rep.get("/inbox?view=unassigned&q=" + run);
        assertThat(unassigned.statusCode()).isEqualTo(200);
        assertThat(unassigned.body()).contains("Quote for 40 standing desks " + run, "Lena Vogt",
                "can you send us a quote for 40 standing desks", "Buying signal", "Waiting on us");

        rep.post("/conversations/" + conversationId + "/claim", Map.of("back", "/inbox"));

        assertThat(rep.get("/inbox?view=unassigned&q=" + run).body()).doesNotContain("Quote for 40 standing desks " + run);
        assertThat(rep.get("/inbox?view=mine").body()).contains("Quote for 40 standing desks " + run);
        assertThat(rep.get("/conversations/" + conversationId).body()).contains("Test Sales rep");
    }

    @Test
    void searchFindsAConversationByAWordInTheBodyAndFiltersNarrowIt() {
        deliver(plain("body-" + run, "Jonas <jonas@alpen-holz.example>", "Frage " + run,
                "Wir brauchen ein Angebot für Eichenparkett-" + run + " in 300 m²."));
        var rep = signedIn(Role.REP);

        var found = rep.getHtmx("/inbox?view=open&q=eichenparkett-" + run);
        var filteredOut = rep.getHtmx("/inbox?view=open&q=eichenparkett-" + run + "&category=bulk");

        assertThat(found.body()).contains("Frage " + run).doesNotContain("<html");
        assertThat(filteredOut.body()).doesNotContain("Frage " + run).contains("Nothing matches these filters");
    }

    @Test
    void searchFindsAConversationByItsCustomersCompanyName() {
        customers.createCompany(Actor.system(), new CompanyCommand("Tannenholz " + run + " Möbelbau", List.of("tannenholz-" + run + ".example"),
                "", Relationship.CUSTOMER, ""));
        deliver(plain("company-" + run, "Petra <petra@tannenholz-" + run + ".example>", "Anfrage " + run, "Bitte um Rückruf."));
        var rep = signedIn(Role.REP);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> rep.getHtmx("/inbox?view=open&q=" + run + "+m%C3%B6belbau").body().contains("Anfrage " + run));
        var byName = rep.getHtmx("/inbox?view=open&q=tannenholz+" + run + "+m%C3%B6belbau");
        var elsewhere = rep.getHtmx("/inbox?view=open&q=fichtenholz+" + run);

        assertThat(byName.body()).contains("Anfrage " + run);
        assertThat(elsewhere.body()).doesNotContain("Anfrage " + run);
    }

    @Test
    void searchFindsTheStartOfAWordAndASendersAddressOnEitherDatabase() {
        deliver(plain("words-" + run, "Jonas Keller <jonas.keller@zirbe-" + run + ".example>", "Frage " + run,
                "Wir brauchen ein Angebot für Lärchenschindeln" + run + " und Montage."));
        var rep = signedIn(Role.REP);

        var wordStart = rep.getHtmx("/inbox?view=open&q=l%C3%A4rchenschindeln" + run.substring(0, 4));
        var address = rep.getHtmx("/inbox?view=open&q=jonas.keller%40zirbe-" + run + ".example");
        var otherWord = rep.getHtmx("/inbox?view=open&q=zedernschindeln" + run);

        assertThat(wordStart.body()).contains("Frage " + run);
        assertThat(address.body()).contains("Frage " + run);
        assertThat(otherWord.body()).doesNotContain("Frage " + run);
    }

    @Test
    void searchOnPostgresMatchesWordsInAnyOrderAndOnH2TheTextAsItStands() {
        deliver(plain("order-" + run, "Ida <ida@kiefer-" + run + ".example>", "Frage " + run,
                "Angebot für Dachlatten" + run + " aus Kiefer, bitte mit Lieferung."));
        var rep = signedIn(Role.REP);

        var reversed = rep.getHtmx("/inbox?view=open&q=lieferung+dachlatten" + run);
        var insideAWord = rep.getHtmx("/inbox?view=open&q=achlatten" + run);

        if (TestDatabase.postgres()) {
            // full-text search: every word must start a word of the message, in any order
            assertThat(reversed.body()).contains("Frage " + run);
            assertThat(insideAWord.body()).doesNotContain("Frage " + run);
        } else {
            // LIKE: the search is one piece of text, found anywhere, also inside a word
            assertThat(reversed.body()).doesNotContain("Frage " + run);
            assertThat(insideAWord.body()).contains("Frage " + run);
        }
    }

    @Test
    void searchOnPostgresTakesTheLastWordAsTheStartOfAWordAndTheOthersAsWholeWords() {
        deliver(plain("words-" + run, "Ida <ida@kiefer-" + run + ".example>", "Frage " + run,
                "Angebot für Dachlatten" + run + " aus Kiefer, bitte mit Lieferung."));
        deliver(plain("other-" + run, "Olaf <olaf@fichte-" + run + ".example>", "Andere " + run,
                "Lieferung von Dachlatten" + run + "x aus Fichte."));
        var rep = signedIn(Role.REP);

        var lastIsAStart = rep.getHtmx("/inbox?view=open&q=dachlatten" + run + "+lief");
        var othersAreWholeWords = rep.getHtmx("/inbox?view=open&q=lief+dachlatten" + run);
        var addressWords = rep.getHtmx("/inbox?view=open&q=ida+kiefer+" + run.substring(0, 3));
        var wholeAddress = rep.getHtmx("/inbox?view=open&q=olaf@fichte-" + run + ".example");

        if (TestDatabase.postgres()) {
            // "lief" is the start of "Lieferung" in both; "dachlatten<run>" is a whole word of the first only
            assertThat(lastIsAStart.body()).contains("Frage " + run).doesNotContain("Andere " + run);
            // "lief" not last: a whole word, in neither message
            assertThat(othersAreWholeWords.body()).doesNotContain("Frage " + run, "Andere " + run);
            // the sender's address in words, the last one begun
            assertThat(addressWords.body()).contains("Frage " + run).doesNotContain("Andere " + run);
        } else {
            // LIKE: the search is one piece of text
            assertThat(lastIsAStart.body()).doesNotContain("Frage " + run, "Andere " + run);
            assertThat(addressWords.body()).doesNotContain("Frage " + run, "Andere " + run);
        }
        assertThat(wholeAddress.body()).contains("Andere " + run).doesNotContain("Frage " + run);
    }

    @Test
    void aQuoteNumberIsFoundWithItsLetterAndHyphenOrAloneAndAPriceWithItsDecimals() {
        var number = String.valueOf(100000 + Math.floorMod(run.hashCode(), 900000));
        deliver(plain("quote-no-" + run, "Ruth <ruth@kettle-" + run + ".example>", "Re: Quote Q-" + number + " - bar counter",
                "We are happy to go ahead with option B at " + number + ".50 GBP."));
        var rep = signedIn(Role.REP);

        var withLetter = rep.getHtmx("/inbox?view=open&q=Q-" + number);
        var alone = rep.getHtmx("/inbox?view=open&q=" + number);
        var inWords = rep.getHtmx("/inbox?view=open&q=quote+q-" + number + "+bar");
        var price = rep.getHtmx("/inbox?view=open&q=" + number + ".50+GBP");

        // PostgreSQL's parser stores "Q-123456" as "q" and the negative number "-123456"
        assertThat(withLetter.body()).contains("Quote Q-" + number);
        assertThat(alone.body()).contains("Quote Q-" + number);
        assertThat(price.body()).as("a decimal number is one word").contains("Quote Q-" + number);
        if (TestDatabase.postgres()) {
            // words, not one piece of text as with H2's LIKE
            assertThat(inWords.body()).contains("Quote Q-" + number);
        }
    }

    @Test
    void htmlMailIsShownSanitisedInASandboxedFrameWithItsOwnPolicy() {
        var conversationId = deliver(html("html-" + run, "Eve <eve@hostile.example>", "Offer " + run, """
                <html><head><meta http-equiv="refresh" content="0;url=https://evil.example/"></head>
                <body onload="alert(1)"><p>Our best offer</p><script>alert(2)</script>
                <a href="javascript:alert(3)">click</a><img src="https://tracker.example/p.gif"></body></html>"""));
        var rep = signedIn(Role.REP);
        var messageId = conversations.messageIds(conversationId).get(0);

        var page = rep.get("/conversations/" + conversationId);
        var body = rep.get("/messages/" + messageId + "/body");

        assertThat(page.body()).contains("<iframe class=\"mail-frame\"", "sandbox=\"allow-popups allow-popups-to-escape-sandbox\"",
                "src=\"/messages/" + messageId + "/body\"").doesNotContain("alert(");
        assertThat(body.statusCode()).isEqualTo(200);
        assertThat(body.body()).contains("Our best offer").doesNotContain("alert(", "<script", "http-equiv", "tracker.example");
        assertThat(body.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "img-src 'self' data:", "frame-ancestors 'self'").doesNotContain("script-src"));
        assertThat(body.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    }

    @Test
    void anHtmlAttachmentIsDownloadedAsBytesNeverShown() {
        var conversationId = deliver(withAttachment("att-" + run, "Lena <lena@northwind.example>", "Files " + run));
        var rep = signedIn(Role.REP);
        var page = rep.get("/conversations/" + conversationId).body();
        var attachmentId = page.replaceAll("(?s).*href=\"/attachments/(\\d+)\".*", "$1");

        var download = rep.get("/attachments/" + attachmentId);

        assertThat(page).contains("page.html");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment;").contains("page.html"));
        assertThat(rep.get("/attachments/99999999").statusCode()).isEqualTo(404);
    }

    @Test
    void anOpenInboxHearsOfNewMailWithoutAReload() throws Exception {
        var rep = signedIn(Role.REP);
        var stream = CompletableFuture.supplyAsync(() -> firstNewMailEvent(rep));
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(300)).until(() -> true);

        var conversationId = deliver(plain("live-" + run, "Lena <lena@northwind.example>", "Live " + run, "Hi"));

        assertThat(stream.get(20, TimeUnit.SECONDS)).isEqualTo("data:message:" + conversationId);
    }

    @Test
    void twoPeopleOnOneConversationSeeEachOtherAndWhoIsReplying() throws Exception {
        var conversationId = deliver(plain("presence-" + run, "Lena <lena@northwind.example>", "Presence " + run, "Hi"));
        var anna = signedIn(Role.REP);
        var ben = signedIn(Role.REP);
        var annaStream = anna.stream("/conversations/" + conversationId + "/presence");
        var annaHears = dataOf(annaStream);
        var benStream = ben.stream("/conversations/" + conversationId + "/presence");

        await().atMost(Duration.ofSeconds(10)).until(() -> annaHears.contains("Test Sales rep is viewing"));
        ben.get("/conversations/" + conversationId);
        var told = ben.post("/conversations/" + conversationId + "/presence", Map.of("state", "replying"));
        assertThat(told.statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> annaHears.contains("Test Sales rep is replying"));

        deliver(plain("presence2-" + run, "Lena <lena@northwind.example>", "Re: Presence " + run, "One more thing")
                .replace("Content-Type", "In-Reply-To: <presence-" + run + "@inbox-test.example>\r\nContent-Type"));
        await().atMost(Duration.ofSeconds(10)).until(() -> annaHears.stream().anyMatch(d -> d.matches("\\d+")));
        benStream.body().close();
        annaStream.body().close();
    }

    @Test
    void anOpenConversationHearsEveryMessageOfAnImportedBatch() throws Exception {
        var conversationId = deliver(plain("batch-" + run, "Lena <lena@northwind.example>", "Batch " + run, "Hi"));
        var anna = signedIn(Role.REP);
        var annaStream = anna.stream("/conversations/" + conversationId + "/presence");
        var annaHears = dataOf(annaStream);
        await().atMost(Duration.ofSeconds(10)).until(() -> !annaHears.isEmpty());

        var replies = new java.util.ArrayList<IncomingMessage>();
        for (var n : List.of(1, 2, 3)) {
            var reply = plain("batch-" + n + "-" + run, "Lena <lena@northwind.example>", "Re: Batch " + run, "Reply " + n)
                    .replace("Content-Type", "In-Reply-To: <batch-" + run + "@inbox-test.example>\r\nContent-Type");
            replies.add(new IncomingMessage(IngestSource.imported(mailboxId, "import"), reply.getBytes(StandardCharsets.UTF_8)));
        }
        var ids = ingestion.ingestAll(replies).stream().map(result -> String.valueOf(result.messageId())).toList();

        await().atMost(Duration.ofSeconds(30)).until(() -> annaHears.containsAll(ids));
        annaStream.body().close();
    }

    @Test
    void anOpenInboxHearsOnceThatAnImportedBatchGotItsCategories() throws Exception {
        var first = deliver(plain("categories-1-" + run, "Lena <lena@northwind.example>", "Desks " + run, "A quote, please."));
        var second = deliver(plain("categories-2-" + run, "Lena <lena@northwind.example>", "Chairs " + run, "And chairs."));
        var rep = signedIn(Role.REP);
        var stream = rep.stream("/inbox/stream");
        var heard = dataOf(stream);
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(300)).until(() -> true);

        publisher.publishEvent(new ConversationsCategorised(List.of(first, second)));

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("categories:2"));
        stream.body().close();
    }

    @Test
    void aNewsletterNeverWaitsForAnAnswer() {
        var newsletter = plain("news-" + run, "LedgerLoop <news@ledgerloop.example>", "Close your books faster " + run,
                "Our spring offers. Unsubscribe any time.")
                .replace("Content-Type", "List-Unsubscribe: <mailto:unsubscribe@ledgerloop.example>\r\nPrecedence: bulk\r\nContent-Type");
        deliver(newsletter);
        var rep = signedIn(Role.REP);
        await().atMost(Duration.ofSeconds(30)).until(() -> rep.get("/inbox?view=open&q=" + run).body().contains("badge cat-bulk"));

        assertThat(rep.get("/inbox?view=open&q=" + run).body()).contains("Close your books faster " + run)
                .doesNotContain("Waiting on us</span>");
        assertThat(rep.get("/inbox?view=waiting&q=" + run).body()).doesNotContain("Close your books faster " + run);
    }

    @Test
    void anInternalNoteMentionsAColleagueAndIsNeverSent() {
        var conversationId = deliver(plain("note-" + run, "Lena <lena@northwind.example>", "Note " + run, "Hi"));
        var colleague = "ben-" + run;
        identity.createUserWithPassword(Actor.system(), colleague, "Ben Okafor", null, Role.REP, PASSWORD, "test");
        var rep = signedIn(Role.REP);

        var empty = rep.post("/conversations/" + conversationId + "/notes", Map.of("body", "  "));
        rep.get("/conversations/" + conversationId);
        var added = rep.post("/conversations/" + conversationId + "/notes",
                Map.of("body", "@" + colleague + " can you check stock for 40 desks? @nobody-here"));
        var page = rep.get("/conversations/" + conversationId).body();

        assertThat(empty.statusCode()).isEqualTo(302);
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(page).contains("Internal note", "can you check stock for 40 desks?",
                "Note added; mentioned " + colleague + ".", "wrote an internal note");
        assertThat(conversations.messageIds(conversationId)).as("a note is not a message").hasSize(1);
    }

    @Test
    void aViewerReadsTheInboxButSeesNoClaimButton() {
        var conversationId = deliver(plain("viewer-" + run, "Lena <lena@northwind.example>", "Viewer " + run, "Hi"));
        var viewer = signedIn(Role.VIEWER);

        var page = viewer.get("/conversations/" + conversationId);
        var claim = viewer.post("/conversations/" + conversationId + "/claim", Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Viewer " + run).doesNotContain("id=\"claim\"");
        assertThat(claim.statusCode()).isEqualTo(403);
    }

    private String firstNewMailEvent(Browser browser) {
        try {
            var response = browser.stream("/inbox/stream");
            try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                var inInbox = false;
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.equals("event:inbox")) {
                        inInbox = true;
                    } else if (inInbox && line.startsWith("data:message:")) {
                        // other kinds (a category set by triage, say) can come from earlier tests' mail first
                        return line;
                    }
                }
            }
            return "stream ended";
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** The data of every event the stream sends from now on, read on a thread of its own. */
    private static java.util.concurrent.BlockingQueue<String> dataOf(java.net.http.HttpResponse<java.io.InputStream> stream) {
        var heard = new java.util.concurrent.LinkedBlockingQueue<String>();
        org.opportune.testing.ServerSentEvents.collectData(stream.body(), heard);
        return heard;
    }

    private long deliver(String raw) {
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw.getBytes(StandardCharsets.UTF_8));
        assertThat(result.messageId()).as(result.toString()).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(result.messageId()).isPresent());
        return conversations.conversationOf(result.messageId()).orElseThrow();
    }

    private String plain(String key, String from, String subject, String text) {
        return """
                From: %s
                To: sales@inbox-test.example
                Subject: %s
                Message-ID: <%s@inbox-test.example>
                Date: Mon, 4 May 2026 09:00:00 +0000
                Content-Type: text/plain; charset=utf-8

                %s
                """.formatted(from, subject, key, text).replace("\n", "\r\n");
    }

    private String html(String key, String from, String subject, String html) {
        return """
                From: %s
                To: sales@inbox-test.example
                Subject: %s
                Message-ID: <%s@inbox-test.example>
                Date: Mon, 4 May 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8

                %s
                """.formatted(from, subject, key, html).replace("\n", "\r\n");
    }

    private String withAttachment(String key, String from, String subject) {
        return """
                From: %s
                To: sales@inbox-test.example
                Subject: %s
                Message-ID: <%s@inbox-test.example>
                Date: Mon, 4 May 2026 09:00:00 +0000
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: text/plain; charset=utf-8

                See the attached page.
                --b1
                Content-Type: text/html; name="page.html"
                Content-Disposition: attachment; filename="page.html"

                <script>alert(1)</script>
                --b1--
                """.formatted(from, subject, key).replace("\n", "\r\n");
    }

    private Browser signedIn(Role role) {
        var username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        identity.createUserWithPassword(Actor.system(), username, "Test " + role.label(), null, role, PASSWORD, "test");
        var browser = new Browser(port);
        browser.signIn(username, PASSWORD);
        browser.get("/inbox");
        return browser;
    }
}
