package org.opportune.mail.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.james.mime4j.MimeException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.PlatformTransactionManager;

import org.opportune.conversation.ConversationService;
import org.opportune.mail.IncomingMessage;
import org.opportune.mail.IngestResult;
import org.opportune.mail.IngestResult.Outcome;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailMessages;
import org.opportune.mail.MailProperties;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MailboxView;
import org.opportune.mail.MessageReceived;
import org.opportune.mail.MessagesReceived;
import org.opportune.testing.IntegrationTest;
import org.opportune.triage.TriageService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An import's batch event carries only its messages' ids; its listeners read the facts back with
 * {@link MailMessages#received}. Those must be what the parser gave, as the event carried them before, for
 * hostile messages too; and a publication the version before left in the registry (the facts inside)
 * must still be delivered after an upgrade.
 */
@IntegrationTest
class BatchEventIntegrationTests {

    static final Path HOSTILE = Path.of("src/test/resources/mail/hostile");
    static final String THREADING = "org.opportune.conversation.ConversationThreading.on(org.opportune.mail.MessagesReceived)";
    static final String TRIAGE = "org.opportune.triage.TriageListener.on(org.opportune.mail.MessagesReceived)";
    /** A registry row as the version before wrote it (captured from it: two messages of an import's batch). */
    static final String EARLIER_ROW = """
            {"messages":[{"messageId":1,"messageIdHeader":"q1@customer.example","inReplyTo":null,"references":[],\
            "subject":"Quote for 40 units","fromAddress":"ann@customer.example","fromName":"Ann Buyer",\
            "participants":["ann@customer.example","sales@capture.example","bob@customer.example"],\
            "sentAt":"2026-03-02T10:00:00Z","mailboxId":1},{"messageId":2,\
            "messageIdHeader":"3f4a8e4b48e4a5267e0105cbc6c0aa80@opportune.invalid","inReplyTo":"q1@customer.example",\
            "references":["q0@customer.example","q1@customer.example"],"subject":"Re: Quote for 40 units",\
            "fromAddress":"sales@capture.example","fromName":null,\
            "participants":["sales@capture.example","ann@customer.example"],"sentAt":"2026-03-02T10:30:00Z","mailboxId":1}]}""";

    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    MailIngestion ingestion;

    @Autowired
    MailMessages messages;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailProperties properties;

    @Autowired
    EventSerializer serializer;

    @Autowired
    IncompleteEventPublications incomplete;

    @Autowired
    ConversationService conversations;

    @Autowired
    TriageService triage;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BlobStore blobs;

    @Autowired
    MessageStore store;

    @Autowired
    QuarantineStore quarantine;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    SearchIndexer searchIndexer;

    @Autowired
    Clock clock;

    @Test
    void readsBackTheFactsTheParserGaveHostileMessagesOfABatch() throws IOException, MimeException {
        var sales = mailbox("sales");
        var info = mailbox("info");
        var raws = List.of(manyReferences(), referencesWithoutBrackets(), nuls(), noMessageIdAndNoDate(), garbage(),
                manyParticipants(sales));
        var batch = new ArrayList<IncomingMessage>();
        batch.add(new IncomingMessage(IngestSource.imported(info.id(), "first"), raws.get(5)));
        raws.forEach(raw -> batch.add(new IncomingMessage(IngestSource.imported(sales.id(), "batch"), raw)));
        var before = clock.instant();

        var results = ingestion.ingestAll(batch);

        var after = clock.instant();
        assertThat(results).extracting(IngestResult::outcome).containsExactly(Outcome.NEW, Outcome.NEW, Outcome.NEW,
                Outcome.NEW, Outcome.NEW, Outcome.NEW, Outcome.DUPLICATE);
        var ids = results.subList(1, 7).stream().map(IngestResult::messageId).toList();
        var expected = new ArrayList<MessageReceived>();
        for (int i = 0; i < raws.size(); i++) {
            expected.add(asPublishedBefore(ids.get(i), raws.get(i), i == 5 ? info.id() : sales.id()));
        }
        var received = messages.received(ids);
        assertThat(received).usingRecursiveFieldByFieldElementComparatorIgnoringFields("sentAt").isEqualTo(expected);
        for (int i = 0; i < raws.size(); i++) {
            if (expected.get(i).sentAt().equals(Instant.EPOCH)) {
                // no readable Date: the time it was received, which the parser was not told here
                assertThat(received.get(i).sentAt()).isBetween(before.truncatedTo(ChronoUnit.MICROS), after.plusNanos(1000));
            } else {
                assertThat(received.get(i).sentAt()).isEqualTo(expected.get(i).sentAt());
            }
        }
        assertThat(received.get(0).references()).hasSize(500).contains("spacedid-" + run + "@customer.example");
        assertThat(received.get(1).references()).containsExactly("<open-" + run + "@host.example", "next-" + run + "@host.example");
        assertThat(messages.message(ids.get(1)).orElseThrow().references()).as("the message page reads the same References")
                .containsExactly("<open-" + run + "@host.example", "next-" + run + "@host.example");
        assertThat(received.get(2).subject()).isEqualTo("Nul in subject " + run);
        assertThat(received.get(5).participants()).hasSize(303).startsWith("ann@customer.example");
    }

    @Test
    void readsTheFactsInTheOrderAskedAndLeavesOutUnknownIds() {
        var sales = mailbox("order");
        var results = ingestion.ingestAll(List.of(incoming(sales, plain("a", "")), incoming(sales, plain("b", "")),
                incoming(sales, plain("c", ""))));
        var a = results.get(0).messageId();
        var b = results.get(1).messageId();
        var c = results.get(2).messageId();

        var received = messages.received(List.of(c, a, Long.MAX_VALUE, b));

        assertThat(received).extracting(MessageReceived::messageId).containsExactly(c, a, b);
        assertThat(received).extracting(MessageReceived::subject)
                .containsExactly("Order c " + run, "Order a " + run, "Order b " + run);
    }

    @Test
    void aBatchEventIsItsIdsInTheRegistryAndARowOfTheVersionBeforeReadsAsItsIds() {
        var event = new MessagesReceived(List.of(41L, 42L));

        var serialized = serializer.serialize(event);

        assertThat(serialized).isEqualTo("{\"messageIds\":[41,42]}");
        assertThat(serializer.deserialize(serialized, MessagesReceived.class)).isEqualTo(event);
        assertThat(serializer.deserialize(EARLIER_ROW, MessagesReceived.class)).isEqualTo(new MessagesReceived(List.of(1L, 2L)));
    }

    @Test
    void aBatchEventLeftInTheRegistryByTheVersionBeforeIsDeliveredAfterTheUpgrade() {
        var sales = mailbox("upgrade");
        var question = plain("question", "");
        var reply = ("From: " + sales.address() + "\r\nTo: buyer@customer.example\r\nSubject: Re: Order question " + run
                + "\r\nMessage-ID: <reply-" + run + "@demo.example>\r\nIn-Reply-To: <question-" + run + "@customer.example>\r\n"
                + "References: <question-" + run + "@customer.example>\r\nDate: Mon, 2 Mar 2026 11:00:00 +0000\r\n\r\nYes.\r\n")
                .getBytes(StandardCharsets.UTF_8);
        // stored as an import stores them, but the events stay here: as if the process died before the listeners ran
        var published = new CopyOnWriteArrayList<Object>();
        var pipeline = new IngestionPipeline(blobs, store, quarantine, properties, transactionManager, published::add,
                searchIndexer, clock);
        List<IngestResult> results;
        try {
            results = pipeline.ingestAll(List.of(incoming(sales, question), incoming(sales, reply)));
        } finally {
            pipeline.destroy();
        }
        var ids = results.stream().map(IngestResult::messageId).toList();
        assertThat(published).containsExactly(new MessagesReceived(ids));
        // what the version before wrote in the batch's transaction: the facts themselves, one row per listener
        var earlier = messages.received(ids).stream().map(serializer::serialize).map(String.class::cast)
                .collect(Collectors.joining(",", "{\"messages\":[", "]}"));
        var publications = List.of(UUID.randomUUID(), UUID.randomUUID());
        insertPublication(publications.get(0), THREADING, earlier);
        insertPublication(publications.get(1), TRIAGE, earlier);

        incomplete.resubmitIncompletePublications(publication -> publications.contains(publication.getIdentifier()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(conversations.conversationOf(ids.get(0))).isPresent();
            assertThat(conversations.conversationOf(ids.get(1))).isEqualTo(conversations.conversationOf(ids.get(0)));
            assertThat(triage.triage(ids.get(0))).isPresent();
            assertThat(triage.triage(ids.get(1))).isPresent();
            assertThat(jdbc.sql("select count(*) from event_publication where id in (:ids) and completion_date is not null")
                    .param("ids", publications).query(Long.class).single()).isEqualTo(2);
        });
    }

    /** The event's facts as the version before built them from the parse (a missing Date as the epoch here). */
    private MessageReceived asPublishedBefore(long id, byte[] raw, long mailboxId) throws MimeException {
        var parsed = new MessageParser(properties).parse(raw, Instant.EPOCH);
        return new MessageReceived(id, parsed.messageId(), parsed.inReplyTo(), parsed.references(), parsed.subject(),
                parsed.fromAddress(), parsed.fromName(), parsed.participants(), parsed.sentAt(), mailboxId);
    }

    private void insertPublication(UUID id, String listener, String serializedEvent) {
        jdbc.sql("""
                        insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
                            completion_attempts)
                        values (:id, :listener, 'org.opportune.mail.MessagesReceived', :event, :date, 'PUBLISHED', 1)
                        """)
                .param("id", id).param("listener", listener).param("event", serializedEvent)
                .param("date", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** 700 References (500 kept), repeats among them, one with a space and one too long to keep whole. */
    private byte[] manyReferences() {
        var references = new StringBuilder("References: <spaced id-" + run + "@customer.example>");
        for (int i = 0; i < 700; i++) {
            references.append("\r\n <r").append(i % 650).append('-').append(run).append("@customer.example>");
        }
        references.insert(references.indexOf("\r\n"), "\r\n <" + "x".repeat(1200) + "@long.example>");
        return ("From: Ann Buyer <Ann@Customer.example>\r\nTo: sales@demo.example\r\nSubject: Many references " + run
                + "\r\nMessage-ID: <refs-" + run + "@customer.example>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n"
                + "In-Reply-To: <r3-" + run + "@customer.example> <r4-" + run + "@customer.example>\r\n" + references
                + "\r\n\r\nBody.\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An unclosed bracket: the parser falls back to bare tokens, the first with its bracket. */
    private byte[] referencesWithoutBrackets() {
        return ("From: c@customer.example\r\nTo: sales@demo.example\r\nSubject: Brackets " + run
                + "\r\nMessage-ID: <brackets-" + run + "@customer.example>\r\nDate: Tue, 3 Mar 2026 09:15:00 +0100\r\n"
                + "References: <open-" + run + "@host.example next-" + run + "@host.example\r\n\r\nBody.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] nuls() throws IOException {
        return Files.readString(HOSTILE.resolve("nul-bytes.eml"), StandardCharsets.UTF_8)
                .replace("nul-1@example.com", "nul-" + run + "@example.com")
                .replace("Subject: Nul\0 in subject", "Subject: Nul\0 in subject " + run)
                .replace("From: Nul Sender", "From: Nul\0 Sender")
                .replace("Date:", "In-Reply-To: <p\0arent-" + run + "@example.com>\r\nReferences: <p\0arent-" + run + "@example.com>\r\nDate:")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] noMessageIdAndNoDate() throws IOException {
        return Files.readString(HOSTILE.resolve("no-message-id.eml"), StandardCharsets.UTF_8)
                .replace("aus =?UTF-8?B?S8O2bG4=?=", "aus =?UTF-8?B?S8O2bG4=?= " + run)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** 8-bit headers in no declared charset, an unreadable Date. */
    private byte[] garbage() throws IOException {
        var raw = Files.readAllBytes(HOSTILE.resolve("garbage-headers.eml"));
        var text = new String(raw, StandardCharsets.ISO_8859_1).replace("garbage-1@example.com", "garbage-" + run + "@example.com");
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** 300 people in To (some twice, in other case), the sender again in Cc, a group, a Reply-To. */
    private byte[] manyParticipants(MailboxView sales) {
        var to = new StringBuilder("To: ").append(sales.address());
        for (int i = 0; i < 300; i++) {
            to.append(",\r\n Person ").append(i).append(" <P").append(i % 298).append('-').append(run).append("@Customer.example>");
        }
        return ("From: Ann Buyer <ANN@customer.example>\r\n" + to + "\r\nCc: ann@customer.example, Team: t1-" + run
                + "@customer.example, t2-" + run + "@customer.example;\r\nReply-To: orders@customer.example\r\n"
                + "Subject: Many people " + run + "\r\nMessage-ID: <people-" + run + "@customer.example>\r\n"
                + "Date: Wed, 4 Mar 2026 08:00:00 +0000\r\n\r\nHello all.\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] plain(String key, String extraHeaders) {
        return ("From: buyer@customer.example\r\nTo: sales@demo.example\r\nSubject: Order " + key + " " + run
                + "\r\nMessage-ID: <" + key + "-" + run + "@customer.example>\r\n" + extraHeaders
                + "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\n\r\nPlease send a quote.\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private IncomingMessage incoming(MailboxView mailbox, byte[] raw) {
        return new IncomingMessage(IngestSource.imported(mailbox.id(), "test"), raw);
    }

    private MailboxView mailbox(String name) {
        return mailboxes.ensureMailbox(name + "-" + run + "@demo.example");
    }
}
