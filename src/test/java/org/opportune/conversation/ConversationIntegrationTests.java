package org.opportune.conversation;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.conversation.ConversationEvents.ConversationSplit;
import org.opportune.conversation.ConversationEvents.ConversationsCategorised;
import org.opportune.conversation.ConversationService.CategoryNote;
import org.opportune.conversation.ConversationEvents.ConversationsMerged;
import org.opportune.mail.MailboxService;
import org.opportune.mail.MessageReceived;
import org.opportune.shared.Actor;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
@RecordApplicationEvents
class ConversationIntegrationTests {

    private static final AtomicLong MESSAGE_IDS = new AtomicLong(1000);
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String SALES = "sales@demo.example";
    private static final String ANNA = "anna@customer.example";
    private static final Actor REP = Actor.user(7, "rep");

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    ConversationService conversations;

    @Autowired
    ConversationWork work;

    @Autowired
    ThreadsCommand threadsCommand;

    @Autowired
    ApplicationEvents events;

    @Autowired
    JdbcClient jdbc;

    private long mailboxId;
    private String run;

    @BeforeEach
    void mailbox() {
        mailboxId = mailboxes.ensureMailbox(SALES).id();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void threadsRepliesByHeadersAndRepliesWithoutHeadersBySubject() {
        var quote = message("quote", null, List.of(), "Quote " + run, 0);
        var reply = message("reply", "quote", List.of("quote"), "Re: Quote " + run, 1);
        var bareReply = message("bare", null, List.of(), "AW: Quote " + run, 2);
        var other = message("other", null, List.of(), "Invoice " + run, 3);

        publish(quote, reply);
        awaitThreaded(quote, reply);
        publish(bareReply, other);
        awaitThreaded(bareReply, other);

        assertThat(conversationOf(reply)).isEqualTo(conversationOf(quote));
        assertThat(conversationOf(bareReply)).isEqualTo(conversationOf(quote));
        assertThat(conversationOf(other)).isNotEqualTo(conversationOf(quote));
        assertThat(linesOf(quote, other)).containsExactly(
                new ConversationLine(conversationOf(quote), List.of(id("quote"), id("reply"), id("bare"))),
                new ConversationLine(conversationOf(other), List.of(id("other"))));
    }

    @Test
    void aRepeatedEventThreadsTheMessageOnce() {
        var quote = message("quote", null, List.of(), "Quote " + run, 0);
        var later = message("later", "quote", List.of("quote"), "Re: Quote " + run, 1);

        publish(quote);
        awaitThreaded(quote);
        publish(quote, later);
        awaitThreaded(later);

        assertThat(linesOf(quote)).containsExactly(
                new ConversationLine(conversationOf(quote), List.of(id("quote"), id("later"))));
    }

    @Test
    void aLateParentMergesTheTwoConversationsItLinksIntoTheOlder() {
        var root = message("root", null, List.of(), "Chairs " + run, 0);
        var grandchild = message("grandchild", "child", List.of("child"), "Re: Re: Chairs " + run, 2, "ben@x.example");
        publish(root);
        awaitThreaded(root);
        publish(grandchild);
        awaitThreaded(grandchild);
        var older = conversationOf(root);
        var newer = conversationOf(grandchild);
        assertThat(newer).as("no shared participant, so no subject fallback").isNotEqualTo(older);

        var child = message("child", "root", List.of("root"), "Re: Chairs " + run, 1);
        publish(child);
        awaitThreaded(child);

        assertThat(List.of(conversationOf(root), conversationOf(child), conversationOf(grandchild))).containsOnly(older);
        assertThat(linesOf(root)).containsExactly(
                new ConversationLine(older, List.of(id("root"), id("child"), id("grandchild"))));
        assertThatThrownBy(() -> conversations.merge(REP, older, newer)).isInstanceOf(ConversationNotFoundException.class);
    }

    @Test
    void twentyMessagesOfOneThreadThreadedAtOnceEndInOneConversation() {
        var thread = new ArrayList<MessageReceived>();
        var ids = new ArrayList<String>();
        for (int i = 0; i < 20; i++) {
            var key = "m" + i;
            thread.add(message(key, i == 0 ? null : "m" + (i - 1), List.copyOf(ids), (i == 0 ? "" : "Re: ") + "Desks " + run, i));
            ids.add(key);
        }
        Collections.reverse(thread);

        publish(thread.toArray(MessageReceived[]::new));
        awaitThreaded(thread.toArray(MessageReceived[]::new));

        var conversationId = conversationOf(thread.get(0));
        assertThat(thread).allSatisfy(message -> assertThat(conversationOf(message)).isEqualTo(conversationId));
        assertThat(linesOf(thread.get(0))).containsExactly(
                new ConversationLine(conversationId, ids.stream().map(this::id).toList()));
    }

    @Test
    void anImportedBatchsCategoriesAreNotedTogetherAndEachConversationShowsItsMostTellingOne() {
        var root = message("cat-root", null, List.of(), "Desks " + run, 0);
        var reply = message("cat-reply", "cat-root", List.of("cat-root"), "Re: Desks " + run, 5);
        var other = message("cat-other", null, List.of(), "Chairs " + run, 10);
        publish(root, reply, other);
        awaitThreaded(root, reply, other);
        var notThreaded = MESSAGE_IDS.incrementAndGet();
        events.clear();

        var threaded = transactions.execute(status -> conversations.categoriseAll(List.of(
                new CategoryNote(root.messageId(), "support", 3),
                new CategoryNote(reply.messageId(), "buying-signal", 0),
                new CategoryNote(other.messageId(), "newsletter", 6),
                new CategoryNote(notThreaded, "support", 3))));

        assertThat(threaded).containsExactlyInAnyOrder(root.messageId(), reply.messageId(), other.messageId());
        assertThat(categoryOf(conversationOf(root))).isEqualTo("buying-signal");
        assertThat(categoryOf(conversationOf(other))).isEqualTo("newsletter");
        assertThat(events.stream(ConversationsCategorised.class)).singleElement()
                .satisfies(e -> assertThat(e.conversationIds()).containsExactlyInAnyOrder(conversationOf(root), conversationOf(other)));

        transactions.executeWithoutResult(status -> conversations.categoriseAll(List.of(new CategoryNote(reply.messageId(), "other", 9))));

        assertThat(categoryOf(conversationOf(root))).as("a message's new category replaces its old one").isEqualTo("support");
    }

    @Test
    void splittingMovesOneMessageAndItsLaterRepliesIntoANewConversation() {
        var quote = message("quote", null, List.of(), "Quote " + run, 0);
        var offTopic = message("offtopic", "quote", List.of("quote"), "Re: Quote " + run, 1);
        publish(quote, offTopic);
        awaitThreaded(quote, offTopic);
        var original = conversationOf(quote);

        var split = conversations.split(REP, offTopic.messageId());
        var replyToSplit = message("reply", "offtopic", List.of("quote", "offtopic"), "Re: Quote " + run, 2);
        publish(replyToSplit);
        awaitThreaded(replyToSplit);

        assertThat(split).isNotEqualTo(original);
        assertThat(conversationOf(quote)).isEqualTo(original);
        assertThat(conversationOf(offTopic)).isEqualTo(split);
        assertThat(conversationOf(replyToSplit)).isEqualTo(split);
        assertThat(events.stream(ConversationSplit.class))
                .containsExactly(new ConversationSplit(REP, offTopic.messageId(), original, split));
        assertThat(events.stream(ConversationSplit.class).findFirst().orElseThrow().before())
                .containsEntry("conversationId", original);
    }

    @Test
    void splittingOffTheCustomersLastMessageMovesWaitingOnUsWithIt() {
        var question = message("question", null, List.of(), "Quote " + run, 0);
        var answer = message("answer", "question", List.of("question"), "Re: Quote " + run, 1, SALES);
        var newTopic = message("newtopic", "answer", List.of("question", "answer"), "Re: Quote " + run, 2);
        publish(question, answer, newTopic);
        awaitThreaded(question, answer, newTopic);
        var original = conversationOf(question);
        assertThat(work.state(original).waitingOnUs()).isTrue();

        var split = conversations.split(REP, newTopic.messageId());

        assertThat(work.state(original).waitingOnUs()).as("answered before the split-off message came").isFalse();
        assertThat(work.state(split).waitingOnUs()).as("the customer's new topic is unanswered").isTrue();
        assertThat(work.state(split).lastInboundAt()).isEqualTo(newTopic.sentAt());
        assertThat(work.state(original).lastInboundAt()).isEqualTo(question.sentAt());
    }

    @Test
    void mergingMovesEveryMessageIntoTheTargetAndIsAudited() {
        var first = message("first", null, List.of(), "Quote " + run, 0);
        var second = message("second", null, List.of(), "Delivery " + run, 1);
        publish(first, second);
        awaitThreaded(first, second);
        var target = conversationOf(second);
        var other = conversationOf(first);

        conversations.merge(REP, target, other);

        assertThat(conversationOf(first)).isEqualTo(target);
        assertThat(linesOf(first)).containsExactly(new ConversationLine(target, List.of(id("first"), id("second"))));
        assertThat(events.stream(ConversationsMerged.class))
                .containsExactly(new ConversationsMerged(REP, target, other, 1, 1, 2));
    }

    @Test
    void splitAndMergeOfUnknownThingsAreNotFound() {
        assertThatThrownBy(() -> conversations.split(REP, -1)).isInstanceOf(ConversationNotFoundException.class);
        assertThatThrownBy(() -> conversations.merge(REP, -1, -2)).isInstanceOf(ConversationNotFoundException.class);
    }

    @Test
    void theThreadsCommandPrintsOneTabSeparatedLinePerConversation() {
        var quote = message("quote", null, List.of(), "Quote " + run, 0);
        var reply = message("reply", "quote", List.of("quote"), "Re: Quote " + run, 1);
        publish(quote, reply);
        awaitThreaded(quote, reply);

        var out = new ByteArrayOutputStream();
        var exit = threadsCommand.run(List.of("--mailbox", "SALES@demo.example"), print(out), print(new ByteArrayOutputStream()));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .contains(conversationOf(quote) + "\t" + id("quote") + "\t" + id("reply"))
                .allMatch(line -> line.matches("\\d+(\\t[^\\t]+)+"));
    }

    @Test
    void theThreadsCommandRefusesAnUnknownMailbox() {
        var err = new ByteArrayOutputStream();

        var exit = threadsCommand.run(List.of("--mailbox", "nobody@nowhere.example"), print(new ByteArrayOutputStream()), print(err));
        var usage = threadsCommand.run(List.of(), print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream()));

        assertThat(exit).isEqualTo(2);
        assertThat(usage).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No mailbox with the address nobody@nowhere.example");
    }

    private MessageReceived message(String key, @Nullable String inReplyTo, List<String> references, String subject,
            int minutes, String... extraParticipants) {
        var from = extraParticipants.length > 0 ? extraParticipants[0] : ANNA;
        var participants = new ArrayList<>(List.of(from, SALES));
        return new MessageReceived(MESSAGE_IDS.incrementAndGet(), id(key), inReplyTo == null ? null : id(inReplyTo),
                references.stream().map(this::id).toList(), subject, from, null, participants,
                T0.plus(Duration.ofMinutes(minutes)), mailboxId);
    }

    /** The Message-ID header of the test's message with that key: unique per test, as the database is shared. */
    private String id(String key) {
        return key + "." + run + "@customer.example";
    }

    private void publish(MessageReceived... messages) {
        transactions.executeWithoutResult(status -> {
            for (var message : messages) {
                publisher.publishEvent(message);
            }
        });
    }

    private void awaitThreaded(MessageReceived... messages) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (var message : messages) {
                assertThat(conversations.conversationOf(message.messageId())).as(message.messageIdHeader()).isPresent();
            }
        });
    }

    private @Nullable String categoryOf(long conversationId) {
        return jdbc.sql("select category from conversations where id = :id").param("id", conversationId).query(String.class).single();
    }

    private long conversationOf(MessageReceived message) {
        return conversations.conversationOf(message.messageId()).orElseThrow();
    }

    /** The mailbox's lines for the conversations of these messages, in the order the mailbox lists them. */
    private List<ConversationLine> linesOf(MessageReceived... messages) {
        var ids = java.util.Arrays.stream(messages).map(this::conversationOf).toList();
        return conversations.threadsOf(mailboxId).stream().filter(line -> ids.contains(line.conversationId())).toList();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
