package org.opportune.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.opportune.conversation.ThreadResolver.Join;
import org.opportune.conversation.ThreadResolver.JoinAndMerge;
import org.opportune.conversation.ThreadResolver.MessageFacts;
import org.opportune.conversation.ThreadResolver.Reason;
import org.opportune.conversation.ThreadResolver.StartNew;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadResolverTests {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String ANNA = "anna@customer.example";
    private static final String BEN = "ben@other.example";
    private static final String SALES = "sales@demo.example";

    private final InMemoryThreads threads = new InMemoryThreads(Duration.ofDays(30), Set.of(SALES));

    @Test
    void aReplyJoinsItsParentByInReplyTo() {
        threads.add("a", message("a", null, List.of(), "Quote", 0, ANNA, SALES));

        var decision = threads.add("b", message("b", "a", List.of(), "Re: Quote", 1, SALES, ANNA));

        assertThat(decision).isEqualTo(new Join(1, Reason.REFERENCE));
        assertThat(threads.groups()).containsExactly(Set.of("a", "b"));
    }

    @Test
    void referencesBridgeAGapWhenTheParentNeverArrived() {
        threads.add("a", message("a", null, List.of(), "Quote", 0, ANNA));
        threads.add("c", message("c", "b", List.of("a", "b"), "Re: Quote", 2, ANNA));
        threads.add("x", message("x", "missing", List.of("missing"), "Other topic", 3, BEN));

        threads.add("y", message("y", "missing", List.of("missing"), "Re: Other topic", 4, ANNA));

        assertThat(threads.groups()).containsExactly(Set.of("a", "c"), Set.of("x", "y"));
    }

    @Test
    void aLateParentJoinsTheConversationItsRepliesStarted() {
        threads.add("b", message("b", "a", List.of("a"), "Re: Quote", 1, ANNA));

        var decision = threads.add("a", message("a", null, List.of(), "Quote", 0, ANNA));

        assertThat(decision).isEqualTo(new Join(1, Reason.OWN_MESSAGE_ID));
        assertThat(threads.groups()).containsExactly(Set.of("b", "a"));
    }

    @Test
    void aLateParentThatLinksTwoConversationsMergesThemIntoTheOlder() {
        threads.add("root", message("root", null, List.of(), "Quote", 0, ANNA));
        threads.add("grandchild", message("grandchild", "child", List.of("child"), "Re: Re: Quote", 2, BEN));

        var decision = threads.add("child", message("child", "root", List.of("root"), "Re: Quote", 1, ANNA));

        assertThat(decision).isEqualTo(new JoinAndMerge(1, 2));
        assertThat(threads.groups()).containsExactly(Set.of("root", "grandchild", "child"));
    }

    @Test
    void ignoresSelfReferencesAndSurvivesReferenceLoops() {
        threads.add("a", message("a", "a", List.of("a"), "Quote", 0, ANNA));
        threads.add("b", message("b", "c", List.of("c"), "Re: Loop", 1, ANNA));
        threads.add("c", message("c", "b", List.of("b", "c"), "Re: Loop", 2, ANNA));

        assertThat(ThreadResolver.ancestorsNearestFirst(message("a", "a", List.of("a", " ", "x".repeat(999), "z"), "", 0)))
                .containsExactly("z");
        assertThat(threads.groups()).containsExactly(Set.of("a"), Set.of("b", "c"));
    }

    @Test
    void inReplyToWinsOverOlderReferences() {
        threads.add("a", message("a", null, List.of(), "First", 0, ANNA));
        threads.add("b", message("b", null, List.of(), "Second", 1, ANNA));

        var decision = threads.add("c", message("c", "b", List.of("a"), "Re: Second", 2, ANNA));

        assertThat(decision).isEqualTo(new Join(2, Reason.REFERENCE));
    }

    @Test
    void theNearestReferenceWinsWhenThereIsNoInReplyTo() {
        threads.add("a", message("a", null, List.of(), "First", 0, ANNA));
        threads.add("b", message("b", null, List.of(), "Second", 1, ANNA));

        var decision = threads.add("c", message("c", null, List.of("a", "b"), "Re: Second", 2, ANNA));

        assertThat(decision).isEqualTo(new Join(2, Reason.REFERENCE));
    }

    @Test
    void aReplyWithoutReplyHeadersJoinsBySubjectWithASharedParticipant() {
        threads.add("a", message("a", null, List.of(), "Angebot Stühle", 0, ANNA, SALES));

        var decision = threads.add("b", message("b", null, List.of(), "AW: WG: Angebot Stühle", 24 * 5, ANNA, SALES));

        assertThat(decision).isEqualTo(new Join(1, Reason.SUBJECT));
    }

    @Test
    void theSubjectFallbackUnderstandsCountersAndListTags() {
        threads.add("a", message("a", null, List.of(), "[sales-team] Quote", 0, ANNA));

        var counter = threads.add("b", message("b", null, List.of(), "RE[2]: Quote", 1, ANNA));
        var tagged = threads.add("c", message("c", null, List.of(), "[sales-team] Re: Quote", 2, ANNA));

        assertThat(counter).isEqualTo(new Join(1, Reason.SUBJECT));
        assertThat(tagged).isEqualTo(new Join(1, Reason.SUBJECT));
    }

    @Test
    void noSubjectFallbackForAMessageThatIsNotAReply() {
        threads.add("a", message("a", null, List.of(), "Quote", 0, ANNA));

        var decision = threads.add("b", message("b", null, List.of(), "Quote", 1, ANNA));

        assertThat(decision).isInstanceOf(StartNew.class);
    }

    @Test
    void noSubjectFallbackWithoutASharedParticipant() {
        threads.add("a", message("a", null, List.of(), "Quote", 0, ANNA, SALES));

        var decision = threads.add("b", message("b", null, List.of(), "Re: Quote", 1, BEN, SALES));

        assertThat(decision).as("our own mailbox address is in every message and does not count").isInstanceOf(StartNew.class);
    }

    @Test
    void noSubjectFallbackOutsideTheWindow() {
        threads.add("a", message("a", null, List.of(), "Quote", 0, ANNA));

        var decision = threads.add("b", message("b", null, List.of(), "Re: Quote", 24 * 31, ANNA));

        assertThat(decision).isInstanceOf(StartNew.class);
    }

    @Test
    void theWindowCountsFromTheConversationsLastMessage() {
        threads.add("a", message("a", null, List.of(), "Quote", 0, ANNA));
        threads.add("b", message("b", "a", List.of("a"), "Re: Quote", 24 * 20, ANNA));

        var decision = threads.add("c", message("c", null, List.of(), "Re: Quote", 24 * 45, ANNA));

        assertThat(decision).isEqualTo(new Join(1, Reason.SUBJECT));
    }

    @Test
    void theSubjectFallbackPrefersTheMostRecentlyActiveConversation() {
        threads.add("old", message("old", null, List.of(), "Quote", 0, ANNA));
        threads.add("new", message("new", null, List.of(), "Quote", 24, ANNA));

        var decision = threads.add("reply", message("reply", null, List.of(), "Re: Quote", 48, ANNA));

        assertThat(decision).isEqualTo(new Join(2, Reason.SUBJECT));
    }

    @Test
    void anEmptyBaseSubjectNeverJoinsBySubject() {
        threads.add("a", message("a", null, List.of(), "", 0, ANNA));

        var decision = threads.add("b", message("b", null, List.of(), "Re:", 1, ANNA));

        assertThat(decision).isInstanceOf(StartNew.class);
    }

    static MessageFacts message(String id, @Nullable String inReplyTo, List<String> references, String subject,
            long hoursAfterStart, String... participants) {
        return new MessageFacts(id, inReplyTo, references, subject, Set.of(participants),
                T0.plus(Duration.ofHours(hoursAfterStart)));
    }
}
