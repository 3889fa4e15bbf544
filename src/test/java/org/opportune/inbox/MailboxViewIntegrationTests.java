package org.opportune.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
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
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox filtered to one mailbox reads its own copy of each conversation's status, owner, waiting flag,
 * category and last message time (V085). Every kind of change to a conversation must show there as it shows
 * in the unfiltered inbox: a new message either way, claim, assign, archive, reopen (by hand and by a customer's
 * message), a merge that brings a conversation into another mailbox, and a split that takes it out again.
 * Each run has mailboxes of its own, so their views hold exactly this test's conversations.
 */
@IntegrationTest
class MailboxViewIntegrationTests {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Pattern ROW = Pattern.compile("<li class=\"conversation-row[^\"]*\" tabindex=\"0\" data-id=\"(\\d+)\"");
    private static final Pattern COUNT = Pattern.compile("data-view=\"(\\w+)\">[^<]*<span class=\"count\">([^<]*)</span>");

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

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String domain = "views-" + run + ".example";
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aMailboxsViewsFollowEveryChangeOfItsConversations() {
        var sales = mailboxes.ensureMailbox("sales@" + domain).id();
        var support = mailboxes.ensureMailbox("support@" + domain).id();
        var repName = "rep-" + run;
        var repId = identity.createUserWithPassword(Actor.system(), repName, "Rita " + run, null, Role.REP, PASSWORD, "test").id();
        var managerId = identity.createUserWithPassword(Actor.system(), "manager-" + run, "Max " + run, null, Role.MANAGER,
                PASSWORD, "test").id();
        var rep = new Browser(port);
        rep.signIn(repName, PASSWORD);

        // new customer messages: unassigned, waiting, open; newest first; nothing in the other mailbox
        var desks = deliver(sales, message("desks", "Lena <lena@northwind.example>", "Quote for 40 standing desks " + run,
                now.minus(3, ChronoUnit.HOURS), null, "Could you send us a quote for 40 standing desks?"));
        var chairs = deliver(sales, message("chairs", "Omar <omar@southwind.example>", "Chairs " + run,
                now.minus(2, ChronoUnit.HOURS), null, "Do you have chairs?"));
        assertThat(rows(rep, "unassigned", sales)).containsExactly(chairs, desks);
        assertThat(rows(rep, "waiting", sales)).containsExactly(chairs, desks);
        assertThat(rows(rep, "open", sales)).containsExactly(chairs, desks);
        assertThat(counts(rep, sales)).containsExactlyEntriesOf(counts(2, 0, 2, 2, 0));
        assertThat(counts(rep, support)).containsExactlyEntriesOf(counts(0, 0, 0, 0, 0));

        // claim: out of Unassigned, into Mine
        rep.post("/conversations/" + desks + "/claim", Map.of());
        assertThat(rows(rep, "unassigned", sales)).containsExactly(chairs);
        assertThat(rows(rep, "mine", sales)).containsExactly(desks);
        assertThat(counts(rep, sales)).containsExactlyEntriesOf(counts(1, 1, 2, 2, 0));

        // assign (the owner hands it over): out of the rep's Mine, under the new owner's filter
        rep.post("/conversations/" + desks + "/assign", Map.of("userId", Long.toString(managerId),
                "seenOwner", Long.toString(repId)));
        assertThat(rows(rep, "mine", sales)).isEmpty();
        assertThat(rows(rep, "open", sales, "&owner=" + managerId)).containsExactly(desks);
        assertThat(counts(rep, sales)).containsExactlyEntriesOf(counts(1, 0, 2, 2, 0));

        // our reply: no longer waiting, and it is the newest activity now
        deliver(sales, message("desks-reply", "Rita <rita@" + domain + ">", "Re: Quote for 40 standing desks " + run,
                now.minus(1, ChronoUnit.HOURS), "desks", "Here is the quote."));
        assertThat(rows(rep, "waiting", sales)).containsExactly(chairs);
        assertThat(rows(rep, "open", sales)).containsExactly(desks, chairs);
        assertThat(counts(rep, sales)).containsExactlyEntriesOf(counts(1, 0, 1, 2, 0));

        // archive: out of every open view, into Archived
        rep.post("/conversations/" + chairs + "/archive", Map.of());
        assertThat(rows(rep, "open", sales)).containsExactly(desks);
        assertThat(rows(rep, "archived", sales)).containsExactly(chairs);
        assertThat(counts(rep, sales)).containsExactlyEntriesOf(counts(0, 0, 0, 1, 1));

        // the customer writes again: reopened, waiting, newest
        deliver(sales, message("chairs-again", "Omar <omar@southwind.example>", "Re: Chairs " + run,
                now.plus(10, ChronoUnit.MINUTES), "chairs", "Any news about the chairs?"));
        assertThat(rows(rep, "open", sales)).containsExactly(chairs, desks);
        assertThat(rows(rep, "waiting", sales)).containsExactly(chairs);
        assertThat(rows(rep, "archived", sales)).isEmpty();

        // archived and reopened by hand
        rep.post("/conversations/" + desks + "/archive", Map.of());
        assertThat(rows(rep, "archived", sales)).containsExactly(desks);
        rep.post("/conversations/" + desks + "/reopen", Map.of());
        assertThat(rows(rep, "archived", sales)).isEmpty();
        assertThat(rows(rep, "open", sales, "&owner=" + managerId)).containsExactly(desks);
        assertThat(counts(rep, sales)).containsExactlyEntriesOf(counts(1, 0, 1, 2, 0));

        // a merge brings the desks conversation into the support mailbox, with its owner and state
        var lamps = deliver(support, message("lamps", "Lena <lena@northwind.example>", "Lamps " + run,
                now.minus(30, ChronoUnit.MINUTES), null, "And lamps for the desks?"));
        assertThat(rows(rep, "unassigned", support)).containsExactly(lamps);
        rep.post("/conversations/" + desks + "/merge", Map.of("other", Long.toString(lamps)));
        assertThat(rows(rep, "open", support)).containsExactly(desks);
        assertThat(rows(rep, "unassigned", support)).isEmpty();
        assertThat(rows(rep, "waiting", support)).containsExactly(desks);
        assertThat(rows(rep, "open", support, "&owner=" + managerId)).containsExactly(desks);
        assertThat(rows(rep, "open", sales)).containsExactly(chairs, desks);
        assertThat(counts(rep, support)).containsExactlyEntriesOf(counts(0, 0, 1, 1, 0));

        // a split takes the support message out again: a conversation of its own, nobody's
        var lampsMessage = conversations.overview(desks).orElseThrow().messages().stream()
                .filter(m -> m.mailboxId() == support).findFirst().orElseThrow().messageId();
        rep.post("/messages/" + lampsMessage + "/split", Map.of());
        var split = conversations.conversationOf(lampsMessage).orElseThrow();
        assertThat(split).isNotEqualTo(desks);
        assertThat(rows(rep, "open", support)).containsExactly(split);
        assertThat(rows(rep, "unassigned", support)).containsExactly(split);
        assertThat(rows(rep, "open", sales)).containsExactly(chairs, desks);
        // (whether a split-off message waits for an answer is threading's business: the mailbox shows what the inbox shows)
        assertThat(rows(rep, "waiting", support).contains(split))
                .isEqualTo(rep.get("/inbox?view=waiting&q=" + run).body().contains("data-id=\"" + split + "\""));
        assertThat(counts(rep, support)).containsEntry("unassigned", "1").containsEntry("mine", "0")
                .containsEntry("open", "1").containsEntry("archived", "0");

        // triage's category arrives on its own time; the mailbox's category filter follows it
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rows(rep, "open", sales, "&category=buying_signal").contains(desks));
        assertThat(rows(rep, "open", sales, "&category=bulk")).isEmpty();
    }

    private List<Long> rows(Browser browser, String view, long mailboxId) {
        return rows(browser, view, mailboxId, "");
    }

    private List<Long> rows(Browser browser, String view, long mailboxId, String more) {
        var page = browser.get("/inbox?view=" + view + "&mailbox=" + mailboxId + more);
        assertThat(page.statusCode()).isEqualTo(200);
        var ids = new ArrayList<Long>();
        var matcher = ROW.matcher(page.body());
        while (matcher.find()) {
            ids.add(Long.parseLong(matcher.group(1)));
        }
        return ids;
    }

    private Map<String, String> counts(Browser browser, long mailboxId) {
        var counts = new LinkedHashMap<String, String>();
        var matcher = COUNT.matcher(browser.get("/inbox?view=open&mailbox=" + mailboxId).body());
        while (matcher.find()) {
            counts.put(matcher.group(1), matcher.group(2).strip());
        }
        return counts;
    }

    private static Map<String, String> counts(int unassigned, int mine, int waiting, int open, int archived) {
        var counts = new LinkedHashMap<String, String>();
        counts.put("unassigned", Integer.toString(unassigned));
        counts.put("mine", Integer.toString(mine));
        counts.put("waiting", Integer.toString(waiting));
        counts.put("open", Integer.toString(open));
        counts.put("archived", Integer.toString(archived));
        return counts;
    }

    private long deliver(long mailboxId, String raw) {
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw.getBytes(StandardCharsets.UTF_8));
        assertThat(result.messageId()).as(result.toString()).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> conversations.conversationOf(result.messageId()).isPresent());
        return conversations.conversationOf(result.messageId()).orElseThrow();
    }

    private String message(String key, String from, String subject, Instant date, @Nullable String inReplyTo, String text) {
        var reply = inReplyTo == null ? "" : "In-Reply-To: <" + inReplyTo + "-" + run + "@" + domain + ">\n";
        return """
                From: %s
                To: someone@%s
                Subject: %s
                Message-ID: <%s-%s@%s>
                %sDate: %s
                Content-Type: text/plain; charset=utf-8

                %s
                """.formatted(from, domain, subject, key, run, domain, reply,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC)), text).replace("\n", "\r\n");
    }
}
