package org.opportune.conversation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MailDateFormat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.conversation.ConversationEvents.MessageThreaded;
import org.opportune.conversation.ConversationEvents.MessagesThreaded;
import org.opportune.mail.IncomingMessage;
import org.opportune.mail.IngestResult;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MessageReceived;
import org.opportune.mail.internal.MboxReader;
import org.opportune.mail.internal.PublicationBacklog;
import org.opportune.shared.Actor;
import org.opportune.testing.IntegrationTest;
import org.opportune.testing.MailCorpus;
import org.opportune.testing.RecordedEvents;
import org.opportune.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An import threads its messages in batches (one transaction per batch, the writes grouped); a user
 * relies on it ending exactly where threading the same messages one at a time (as IMAP sync brings them)
 * ends: the same conversations with the same messages, subjects, dates, Message-ID map, participants,
 * mailbox rows, who wrote last, status and category. Each test stores the same mail twice through
 * ingestion, once in batches and once message by message, each time with its own Message-IDs and dates
 * (a suffix and a shift, so the two copies cannot thread into each other), and compares the two.
 */
@IntegrationTest
@Import(RecordedEvents.class)
class BatchThreadingIntegrationTests {

    private static final Path CORPORA = Path.of("../shared/corpora");
    private static final int BATCH = 100;
    /** Each copy of a corpus is moved this far from the others (whole weeks, so weekdays stay): far beyond the subject window. */
    private static final Duration SHIFT = Duration.ofDays(7 * 1500);
    private static int copies;

    @Autowired
    MailIngestion ingestion;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    ConversationService conversations;

    @Autowired
    ConversationWork work;

    @Autowired
    PublicationBacklog backlog;

    @Autowired
    RecordedEvents recorded;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConversationThreading threading;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aMailingListThreadedInBatchesEndsAsThreadedOneByOne() throws IOException {
        var corpus = mbox(CORPORA.resolve("threading/fedora-devel-2010-01/2010-January.mbox"));

        var batched = inBatches(copy(corpus, "redhat.com"));
        var alone = oneByOne(copy(corpus, "redhat.com"));

        assertThat(batched.messages()).hasSizeGreaterThan(280);
        assertSameResult(batched, alone);
    }

    @Test
    void businessMailWithoutReplyHeadersThreadedInBatchesEndsAsThreadedOneByOne() throws IOException {
        var corpus = new ArrayList<byte[]>();
        try (var folders = Files.list(CORPORA.resolve("business/enron-mbox/sanchez-m"))) {
            for (var folder : folders.sorted().toList()) {
                corpus.addAll(mbox(folder));
            }
        }

        var batched = inBatches(copy(corpus, "enron.com"));
        var alone = oneByOne(copy(corpus, "enron.com"));

        assertThat(batched.conversations().values()).as("replies joined by subject")
                .anyMatch(conversation -> conversation.messages().size() > 1);
        assertSameResult(batched, alone);
    }

    @Test
    void repliesBeforeTheirParentsThreadedInBatchesEndAsThreadedOneByOne() {
        var mails = MailCorpus.generate(7, 300).stream().map(MailCorpus.Mail::raw).toList();
        var corpus = new ArrayList<>(mails);
        Collections.shuffle(corpus, new Random(7));

        var batched = inBatches(copy(corpus, "opportune.example"));
        var alone = oneByOne(copy(corpus, "opportune.example"));

        assertThat(batched.conversations().values()).as("late parents merged conversations")
                .anyMatch(conversation -> conversation.trail().contains("conversation.merged"));
        assertSameResult(batched, alone);
    }

    @Test
    void aLateParentAndAReplyToAnArchivedConversationInOneBatchEndAsOneByOne() {
        var batched = lateParentAndArchivedReply(true);
        var alone = lateParentAndArchivedReply(false);

        var chairs = batched.conversations().get("chairs-root@customer.example.RUN");
        assertThat(chairs).as("the conversation of the chairs").isNotNull();
        assertThat(chairs.messages()).containsExactly("chairs-child@customer.example.RUN",
                "chairs-grandchild@other.example.RUN", "chairs-later@other.example.RUN",
                "chairs-ours@batch-threading.example.RUN", "chairs-root@customer.example.RUN");
        assertThat(chairs.trail()).containsExactly("conversation.merged");
        var quote = batched.conversations().get("quote@customer.example.RUN");
        assertThat(quote).as("the conversation of the quote").isNotNull();
        assertThat(quote.messages()).hasSize(6);
        assertThat(quote.status()).isEqualTo("open");
        assertThat(quote.waitingOnUs()).isTrue();
        assertThat(quote.trail()).containsExactly("conversation.archived", "conversation.reopened");
        var offer = batched.conversations().get("offer@customer.example.RUN");
        assertThat(offer).as("the conversation of the offer").isNotNull();
        assertThat(offer.messages()).as("a reply found by subject while its parent's writes were held back")
                .containsExactly("offer-bare@customer.example.RUN", "offer-ours@batch-threading.example.RUN",
                        "offer@customer.example.RUN");
        assertThat(offer.waitingOnUs()).as("our answer sent in the same second came later: it decides").isFalse();
        assertThat(batched.conversations()).hasSize(3);
        assertSameResult(batched, alone);
    }

    @Test
    void aBatchThatCollidesWithAMessageThreadedMeanwhileIsThreadedOneByOne() throws Exception {
        var copy = new Copy(token(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        copy.mailboxId = mailboxes.ensureMailbox("sales-" + copy.token + "@batch-threading.example").id();
        var parent = new MessageReceived(-System.nanoTime(), "parent@customer.example." + copy.token, null, List.of(),
                "Desks " + copy.token, "anna@customer.example", null, List.of("anna@customer.example"),
                copy.origin.minus(Duration.ofHours(2)), copy.mailboxId);
        var reply = copy.mail("reply@customer.example", "parent@customer.example", List.of("parent@customer.example"),
                "Re: Desks " + copy.token, "anna@customer.example", Duration.ofHours(-1));
        ConversationThreading threadingTarget = AopTestUtils.getUltimateTargetObject(threading);
        var parentThreaded = new CountDownLatch(1);
        var commit = new CountDownLatch(1);
        var imap = Executors.newSingleThreadExecutor();
        try {
            // IMAP sync threads the parent: its transaction has mapped the parent's Message-ID but not committed yet
            var parentDone = imap.submit(() -> transactions.executeWithoutResult(status -> {
                threadingTarget.on(parent);
                parentThreaded.countDown();
                await().atMost(Duration.ofMinutes(1)).until(() -> commit.getCount() == 0);
            }));
            assertThat(parentThreaded.await(30, TimeUnit.SECONDS)).isTrue();

            var stored = ingestion.ingestAll(List.of(new IncomingMessage(IngestSource.imported(copy.mailboxId, "test"), reply)));
            await().atMost(Duration.ofSeconds(30)).until(this::someoneWaitsForALock);
            commit.countDown();
            parentDone.get(30, TimeUnit.SECONDS);

            var replyId = stored.get(0).messageId();
            var conversation = conversations.conversationOf(parent.messageId()).orElseThrow();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recorded.threadedAlone())
                    .as("the reply, threaded alone after its batch collided").contains(new MessageThreaded(replyId, conversation, false)));
            assertThat(recorded.threadedBatches()).flatExtracting(MessagesThreaded::messages).extracting(MessageThreaded::messageId)
                    .doesNotContain(replyId);
        } finally {
            commit.countDown();
            imap.shutdownNow();
        }
    }

    /** Whether the batch waits to map a Message-ID that another transaction mapped and has not committed yet. */
    private boolean someoneWaitsForALock() {
        var sql = TestDatabase.postgres()
                ? """
                  select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()
                  and query like 'insert into thread_references%'"""
                : "select count(*) from information_schema.sessions where executing_statement like 'insert into thread_references%'";
        return jdbc.sql(sql).query(Long.class).single() > 0;
    }

    /**
     * A quote the customer asked for, archived; then one batch (or the same messages one by one): a
     * thread whose middle message comes last (so it merges the conversation its reply started), a late
     * answer of the customer from before the archiving, ours, the customer's after it (which reopens the
     * conversation, once), replies without reply headers that only the subject fallback finds, one of
     * them to a message of the same batch, and our answer to it sent in the same second.
     */
    private Snapshot lateParentAndArchivedReply(boolean batched) {
        var copy = new Copy(token(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        copy.mailboxId = mailboxes.ensureMailbox("sales-" + copy.token + "@batch-threading.example").id();
        var customer = "anna@customer.example";
        var other = "ben@other.example";
        var us = "rep@batch-threading.example";
        var quoteSubject = "Quote for 40 desks " + copy.token;
        var chairs = "Chairs " + copy.token;
        var offer = "Offer " + copy.token;

        var quote = copy.mail("quote@customer.example", null, List.of(), quoteSubject, customer, Duration.ofDays(-1));
        var quoteId = oneByOne(copy, List.of(quote));
        work.archive(Actor.system(), conversations.conversationOf(quoteId.get(0)).orElseThrow());

        var messages = List.of(
                copy.mail("chairs-root@customer.example", null, List.of(), chairs, customer, Duration.ofHours(-20)),
                copy.mail("chairs-grandchild@other.example", "chairs-child@customer.example",
                        List.of("chairs-child@customer.example"), "Re: Re: " + chairs, other, Duration.ofHours(-18)),
                copy.mail("chairs-ours@batch-threading.example", "chairs-grandchild@other.example",
                        List.of("chairs-child@customer.example", "chairs-grandchild@other.example"), "Re: Re: " + chairs,
                        us, Duration.ofHours(-17)),
                copy.mail("chairs-child@customer.example", "chairs-root@customer.example",
                        List.of("chairs-root@customer.example"), "Re: " + chairs, customer, Duration.ofHours(-19)),
                copy.mail("offer@customer.example", null, List.of(), offer, "carl@customer.example", Duration.ofHours(-10)),
                copy.mail("offer-bare@customer.example", null, List.of(), "Re: " + offer, "carl@customer.example",
                        Duration.ofHours(-9)),
                copy.mail("offer-ours@batch-threading.example", "offer-bare@customer.example",
                        List.of("offer-bare@customer.example"), "Re: " + offer, us, Duration.ofHours(-9)),
                copy.mail("chairs-later@other.example", "chairs-ours@batch-threading.example",
                        List.of("chairs-root@customer.example", "chairs-child@customer.example",
                                "chairs-grandchild@other.example", "chairs-ours@batch-threading.example"),
                        "Re: " + chairs, other, Duration.ofHours(-16)),
                copy.mail("quote-late@customer.example", "quote@customer.example", List.of("quote@customer.example"),
                        "Re: " + quoteSubject, customer, Duration.ofHours(-12)),
                copy.mail("quote-ours@batch-threading.example", "quote@customer.example",
                        List.of("quote@customer.example"), "Re: " + quoteSubject, us, Duration.ofHours(1)),
                copy.mail("quote-again@customer.example", "quote-ours@batch-threading.example",
                        List.of("quote@customer.example", "quote-ours@batch-threading.example"), "Re: " + quoteSubject,
                        customer, Duration.ofHours(2)),
                copy.mail("quote-more@customer.example", "quote-again@customer.example",
                        List.of("quote@customer.example", "quote-again@customer.example"), "Re: " + quoteSubject,
                        customer, Duration.ofHours(3)),
                copy.mail("quote-bare@customer.example", null, List.of(), "AW: " + quoteSubject, customer,
                        Duration.ofHours(4)));
        if (batched) {
            inBatches(copy, messages);
        } else {
            oneByOne(copy, messages);
        }
        return snapshot(copy);
    }

    /** Compares conversation by conversation and message by message, so that a failure shows what differs. */
    private static void assertSameResult(Snapshot batched, Snapshot alone) {
        assertThat(differences(batched.conversations(), alone.conversations()))
                .as("conversations that differ between batches and one by one").isEmpty();
        assertThat(differences(batched.messages(), alone.messages()))
                .as("messages that differ between batches and one by one").isEmpty();
    }

    private static <V> List<String> differences(Map<String, V> batched, Map<String, V> alone) {
        var keys = new TreeSet<>(batched.keySet());
        keys.addAll(alone.keySet());
        return keys.stream().filter(key -> !Objects.equals(batched.get(key), alone.get(key)))
                .map(key -> key + "\n  in batches: " + batched.get(key) + "\n  one by one: " + alone.get(key))
                .toList();
    }

    // --- one copy of some mail, stored and threaded ---

    /** A copy of some mail: its Message-IDs end in ".token", its dates are moved by {@code origin}. */
    private static final class Copy {

        private static final Pattern ID = Pattern.compile("<([^<>\\s]+)>");
        private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT)
                .withZone(ZoneOffset.UTC);

        final String token;
        final Instant origin;
        long mailboxId;
        List<byte[]> messages = List.of();

        Copy(String token, Instant origin) {
            this.token = token;
            this.origin = origin;
        }

        /** The message with this copy's Message-IDs and dates; null when it has no Message-ID or Date to move. */
        byte @Nullable [] rewrite(byte[] raw) {
            var text = new String(raw, StandardCharsets.ISO_8859_1);
            var end = text.indexOf("\r\n\r\n");
            end = end < 0 ? text.indexOf("\n\n") : end;
            if (end < 0) {
                return null;
            }
            var out = new StringBuilder();
            String field = "";
            boolean hasId = false;
            boolean hasDate = false;
            for (var line : text.substring(0, end).split("(?<=\n)")) {
                if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                    var colon = line.indexOf(':');
                    field = colon < 0 ? "" : line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                }
                switch (field) {
                    case "message-id", "in-reply-to", "references" -> {
                        var ids = ID.matcher(line);
                        hasId |= field.equals("message-id") && ids.find();
                        out.append(ids.replaceAll(m -> Matcher.quoteReplacement("<" + m.group(1) + "." + token + ">")));
                    }
                    case "date" -> {
                        if (!line.regionMatches(true, 0, "date:", 0, 5)) {
                            continue; // a folded date: the whole new one is on the first line
                        }
                        try {
                            var sent = new MailDateFormat().parse(line.substring(5).strip()).toInstant();
                            out.append("Date: ").append(RFC_5322.format(sent.plusSeconds(origin.getEpochSecond())))
                                    .append(line.endsWith("\r\n") ? "\r\n" : "\n");
                            hasDate = true;
                        } catch (ParseException | RuntimeException e) {
                            return null;
                        }
                    }
                    default -> out.append(line);
                }
            }
            return hasId && hasDate ? (out + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1) : null;
        }

        /** A new message of this copy, sent {@code after} its origin. */
        byte[] mail(String messageId, @Nullable String inReplyTo, List<String> references, String subject, String from,
                Duration after) {
            var head = new StringBuilder()
                    .append("From: ").append(from).append("\r\n")
                    .append("To: sales-").append(token).append("@batch-threading.example\r\n")
                    .append("Subject: ").append(subject).append("\r\n")
                    .append("Date: ").append(RFC_5322.format(origin.plus(after))).append("\r\n")
                    .append("Message-ID: <").append(messageId).append('.').append(token).append(">\r\n");
            if (inReplyTo != null) {
                head.append("In-Reply-To: <").append(inReplyTo).append('.').append(token).append(">\r\n");
            }
            if (!references.isEmpty()) {
                head.append("References:");
                references.forEach(id -> head.append(" <").append(id).append('.').append(token).append('>'));
                head.append("\r\n");
            }
            head.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
                    .append("About ").append(subject).append(".\r\n");
            return head.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static synchronized String token() {
        copies++;
        return "c" + copies + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A copy of the corpus, moved to its own weeks, with its own mailbox at {@code ownDomain} (messages from there are ours). */
    private Copy copy(List<byte[]> corpus, String ownDomain) {
        Copy copy;
        synchronized (BatchThreadingIntegrationTests.class) {
            var token = token();
            copy = new Copy(token, Instant.EPOCH.plus(SHIFT.multipliedBy(copies)));
        }
        copy.mailboxId = mailboxes.ensureMailbox("import-" + copy.token + "@" + ownDomain).id();
        copy.messages = corpus;
        return copy;
    }

    private static List<byte[]> mbox(Path file) throws IOException {
        var messages = new ArrayList<byte[]>();
        MboxReader.split(new ByteArrayInputStream(Files.readAllBytes(file)), messages::add);
        return messages;
    }

    private Snapshot inBatches(Copy copy) {
        inBatches(copy, rewritten(copy));
        return snapshot(copy);
    }

    private Snapshot oneByOne(Copy copy) {
        oneByOne(copy, rewritten(copy));
        return snapshot(copy);
    }

    private static List<byte[]> rewritten(Copy copy) {
        return copy.messages.stream().map(copy::rewrite).filter(raw -> raw != null).toList();
    }

    /**
     * Stores the messages in batches, as an import does, and waits for each batch to be threaded before the
     * next: then checks what the batch's MessagesThreaded told the other modules against what it did.
     */
    private void inBatches(Copy copy, List<byte[]> messages) {
        for (int from = 0; from < messages.size(); from += BATCH) {
            var newestBefore = jdbc.sql("select coalesce(max(id), 0) from conversations").query(Long.class).single();
            var results = ingestion.ingestAll(messages.subList(from, Math.min(messages.size(), from + BATCH)).stream()
                    .map(raw -> new IncomingMessage(IngestSource.imported(copy.mailboxId, "test:" + copy.token), raw))
                    .toList());
            var ids = results.stream().filter(r -> r.outcome() == IngestResult.Outcome.NEW).map(IngestResult::messageId).toList();
            if (ids.isEmpty()) {
                continue;
            }
            var event = await().atMost(Duration.ofMinutes(1)).until(() -> recorded.threadedBatches().stream()
                    .filter(batch -> batch.messages().get(0).messageId() == ids.get(0)).findFirst(), found -> found.isPresent())
                    .orElseThrow();
            var expected = new ArrayList<MessageThreaded>();
            var listed = new java.util.HashSet<Long>();
            for (var id : ids) {
                var conversationId = conversations.conversationOf(id).orElseThrow();
                expected.add(new MessageThreaded(id, conversationId, conversationId > newestBefore && listed.add(conversationId)));
                listed.add(conversationId);
            }
            assertThat(event).as("the batch's MessagesThreaded").isEqualTo(new MessagesThreaded(expected));
        }
        backlog.await(Duration.ofMinutes(1), outstanding -> { });
    }

    /** Stores the messages one at a time, as IMAP sync does, each threaded before the next is stored. */
    private List<Long> oneByOne(Copy copy, List<byte[]> messages) {
        var ids = new ArrayList<Long>();
        for (var raw : messages) {
            var result = ingestion.ingest(IngestSource.imported(copy.mailboxId, "test:" + copy.token), raw);
            if (result.outcome() != IngestResult.Outcome.NEW) {
                continue;
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> conversations.conversationOf(result.messageId()).isPresent());
            ids.add(result.messageId());
        }
        backlog.await(Duration.ofMinutes(1), outstanding -> { });
        return ids;
    }

    // --- what threading made of a copy, comparable with another copy ---

    /**
     * A copy's conversations by their first Message-ID, and its messages by Message-ID; the copy's token
     * reads RUN and times are since the copy's origin.
     */
    record Snapshot(Map<String, ConversationSnapshot> conversations, Map<String, MessageSnapshot> messages) {
    }

    record ConversationSnapshot(List<String> messages, String subject, String baseSubject, Duration firstMessageAt,
            Duration lastMessageAt, int messageCount, String status, boolean waitingOnUs, @Nullable Duration lastInboundAt,
            @Nullable Duration lastOutboundAt, @Nullable String category, List<String> mailboxRows,
            List<String> references, List<String> trail) {
    }

    record MessageSnapshot(String subject, Duration sentAt, String fromAddress, List<String> participants) {
    }

    private Snapshot snapshot(Copy copy) {
        var participants = new HashMap<Long, TreeSet<String>>();
        jdbc.sql("""
                select p.message_id, p.address from conversation_message_participants p
                join conversation_messages m on m.message_id = p.message_id where m.mailbox_id = :mailbox""")
                .param("mailbox", copy.mailboxId)
                .query(rs -> {
                    participants.computeIfAbsent(rs.getLong(1), id -> new TreeSet<>()).add(normal(copy, rs.getString(2)));
                });
        // in the order they were sent (and stored): a conversation is known by its first message
        var messages = new TreeMap<String, MessageSnapshot>();
        var members = new java.util.LinkedHashMap<Long, List<String>>();
        jdbc.sql("""
                select message_id, conversation_id, message_id_header, subject, sent_at, from_address
                from conversation_messages where mailbox_id = :mailbox order by sent_at, message_id""")
                .param("mailbox", copy.mailboxId)
                .query(rs -> {
                    var key = normal(copy, rs.getString(3));
                    while (messages.containsKey(key)) {
                        key += " again"; // two messages with one Message-ID
                    }
                    members.computeIfAbsent(rs.getLong(2), id -> new ArrayList<>()).add(key);
                    messages.put(key, new MessageSnapshot(normal(copy, rs.getString(4)), since(copy, rs.getObject(5, OffsetDateTime.class)),
                            normal(copy, rs.getString(6)), List.copyOf(participants.getOrDefault(rs.getLong(1), new TreeSet<>()))));
                });
        var ids = List.copyOf(members.keySet());
        if (ids.isEmpty()) {
            return new Snapshot(Map.of(), messages);
        }
        var mailboxRows = new HashMap<Long, List<String>>();
        jdbc.sql("""
                select conversation_id, mailbox_id, status, owner_id, waiting_on_us, category, last_message_at
                from conversation_mailboxes where conversation_id in (:ids) order by conversation_id, mailbox_id""")
                .param("ids", ids)
                .query(rs -> {
                    mailboxRows.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(String.join(" ",
                            rs.getLong(2) == copy.mailboxId ? "this mailbox" : "mailbox " + rs.getLong(2), rs.getString(3),
                            String.valueOf(rs.getObject(4)), String.valueOf(rs.getBoolean(5)), String.valueOf(rs.getString(6)),
                            since(copy, rs.getObject(7, OffsetDateTime.class)).toString()));
                });
        var references = new HashMap<Long, TreeSet<String>>();
        jdbc.sql("select message_id_header, conversation_id from thread_references where conversation_id in (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    references.computeIfAbsent(rs.getLong(2), id -> new TreeSet<>()).add(normal(copy, rs.getString(1)));
                });
        var trail = new HashMap<Long, List<String>>();
        jdbc.sql("""
                select subject_id, action from activity_entries
                where subject_type = 'conversation' and subject_id in (:ids) order by id""")
                .param("ids", ids.stream().map(String::valueOf).toList())
                .query(rs -> {
                    trail.computeIfAbsent(Long.valueOf(rs.getString(1)), id -> new ArrayList<>()).add(rs.getString(2));
                });
        var snapshots = new TreeMap<String, ConversationSnapshot>();
        jdbc.sql("""
                select id, subject, base_subject, first_message_at, last_message_at, message_count, status, waiting_on_us,
                       last_inbound_at, last_outbound_at, category
                from conversations where id in (:ids)""")
                .param("ids", ids)
                .query(rs -> {
                    var id = rs.getLong(1);
                    var keys = members.get(id);
                    snapshots.put(keys.get(0), new ConversationSnapshot(keys.stream().sorted().toList(),
                            normal(copy, rs.getString(2)), normal(copy, rs.getString(3)),
                            since(copy, rs.getObject(4, OffsetDateTime.class)), since(copy, rs.getObject(5, OffsetDateTime.class)),
                            rs.getInt(6), rs.getString(7), rs.getBoolean(8), sinceOrNull(copy, rs.getObject(9, OffsetDateTime.class)),
                            sinceOrNull(copy, rs.getObject(10, OffsetDateTime.class)), rs.getString(11),
                            mailboxRows.getOrDefault(id, List.of()), List.copyOf(references.getOrDefault(id, new TreeSet<>())),
                            trail.getOrDefault(id, List.of())));
                });
        assertThat(snapshots).as("every conversation of the copy's messages exists").hasSize(ids.size());
        return new Snapshot(snapshots, messages);
    }

    private static String normal(Copy copy, String text) {
        return text.replace(copy.token, "RUN");
    }

    private static Duration since(Copy copy, OffsetDateTime time) {
        return Duration.between(copy.origin, time.toInstant());
    }

    private static @Nullable Duration sinceOrNull(Copy copy, @Nullable OffsetDateTime time) {
        return time == null ? null : since(copy, time);
    }
}
