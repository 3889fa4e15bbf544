package org.opportune.triage;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;
import org.opportune.testing.IntegrationTest;
import org.opportune.testing.RecordedEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
@RecordApplicationEvents
@Import(RecordedEvents.class)
class TriageIntegrationTests {

    private static final Actor REP = Actor.user(7, "rep");

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailIngestion ingestion;

    @Autowired
    TriageService triage;

    @Autowired
    TriageCommand command;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    /** BuyingSignalDetected is published on the listener's thread, which ApplicationEvents may not see. */
    @Autowired
    RecordedEvents recorded;

    private long mailboxId;
    private String run;

    @BeforeEach
    void mailbox() {
        mailboxId = mailboxes.ensureMailbox("sales@brightline.example").id();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void triagesANewMessageOnceAndAnnouncesABuyingSignal() {
        var messageId = ingest("anna-" + run + "@customer.example", "Desks", "Hello, could you send us a quote for 12 desks?");

        var view = awaitTriage(messageId);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorded.buyingSignals().stream().anyMatch(e -> e.messageId() == messageId));

        assertThat(view.category()).isEqualTo(Category.BUYING_SIGNAL);
        assertThat(view.explanation()).contains("'send us a quote'");
        assertThat(view.matchedRules()).contains("buying.quote.ask.en");
        assertThat(triage.classifyStored(messageId)).as("a second event does nothing").isEmpty();
        assertThat(recorded.buyingSignals().stream().filter(e -> e.messageId() == messageId)).hasSize(1);
    }

    @Test
    void aMessageThatIsNotStoredIsSkippedAndDoesNotFailItsBatch() {
        var messageId = ingest("ben-" + run + "@customer.example", "Chairs", "Please send us a quote for 40 chairs.");
        var triaged = awaitTriage(messageId);

        var alone = triage.classifyStored(-42);
        var inABatch = triage.classifyAllStored(List.of(-43L, messageId));

        assertThat(alone).isEmpty();
        assertThat(inABatch).as("the stored one was triaged already").isZero();
        assertThat(awaitTriage(messageId)).isEqualTo(triaged);
    }

    @Test
    void mailFromOurOwnMailboxDomainIsInternal() {
        var messageId = ingest("mark-" + run + "@brightline.example", "Lunch", "Pizza on Friday?");

        assertThat(awaitTriage(messageId).category()).isEqualTo(Category.INTERNAL);
    }

    @Test
    void anOverrideIsAuditedAndRememberedForTheSender() {
        var sender = "vendor-" + run + "@supplies.example";
        var first = ingest(sender, "Desks", "Could you send us a quote for 12 desks?");
        assertThat(awaitTriage(first).category()).isEqualTo(Category.BUYING_SIGNAL);

        var overridden = triage.override(REP, first, Category.SUPPLIER, true);
        var second = ingest(sender, "Chairs", "Could you send us a quote for 10 chairs?");

        assertThat(overridden.category()).isEqualTo(Category.SUPPLIER);
        assertThat(overridden.overriddenBy()).isEqualTo("rep");
        assertThat(awaitTriage(second).category()).isEqualTo(Category.SUPPLIER);
        assertThat(awaitTriage(second).explanation()).isEqualTo("supplier: matched: your override for this sender");
        assertThat(jdbc.sql("select count(*) from activity_entries where action = 'triage.overridden' and subject_id = :id")
                .param("id", Long.toString(first)).query(Long.class).single()).isEqualTo(1);
        assertThat(events.stream(TriageEvents.TriageOverridden.class))
                .anyMatch(e -> e.messageId() == first && e.from() == Category.BUYING_SIGNAL && e.to() == Category.SUPPLIER);
    }

    @Test
    void overridingAMessageWithoutTriageIsRefused() {
        assertThatThrownBy(() -> triage.override(REP, 987_654_321L, Category.OTHER, false))
                .isInstanceOf(TriageNotFoundException.class);
    }

    @Test
    void theCommandPrintsOneTabSeparatedLinePerFileAndFailsOnUnreadableFiles() throws Exception {
        var dir = Files.createTempDirectory("triage-command");
        var quote = Files.writeString(dir.resolve("quote.eml"), raw("anna@customer.example", "Desks",
                "Could you send us a quote\tfor 12 desks?"));
        var lunch = Files.writeString(dir.resolve("lunch.eml"), raw("mark@ourshop.example", "Lunch", "Pizza on Friday?"));
        var missing = dir.resolve("missing.eml");

        var out = new ByteArrayOutputStream();
        var code = command.run(List.of("--own-domain", "ourshop.example", quote.toString(), lunch.toString(), missing.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        var lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(code).isEqualTo(1);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).split("\t")).hasSize(4).startsWith(quote.toString(), "buying_signal");
        assertThat(lines.get(0).split("\t")[2]).matches("\\d\\.\\d\\d");
        assertThat(lines.get(1).split("\t")).startsWith(lunch.toString(), "internal");
        assertThat(lines.get(2).split("\t")).containsExactly(missing.toString(), "error", "0.00", "no such file");
        assertThat(command.run(List.of(quote.toString()), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()))).isZero();
        assertThat(command.run(List.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    }

    private long ingest(String from, String subject, String body) {
        var result = ingestion.ingest(IngestSource.imported(mailboxId, "test"), raw(from, subject, body).getBytes(StandardCharsets.UTF_8));
        assertThat(result.messageId()).isNotNull();
        return result.messageId();
    }

    private String raw(String from, String subject, String body) {
        return "From: " + from + "\r\nTo: sales@brightline.example\r\nSubject: " + subject + "\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@test.example>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
    }

    private TriageView awaitTriage(long messageId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> triage.triage(messageId).orElse(null), v -> v != null);
    }

}
