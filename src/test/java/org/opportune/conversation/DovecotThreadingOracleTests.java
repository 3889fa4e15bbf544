package org.opportune.conversation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.opportune.conversation.ThreadResolver.MessageFacts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our threading against Dovecot's expected {@code THREAD} answers from imaptest
 * ({@code ../shared/corpora/threading/dovecot-imaptest}). We compare which messages end up together,
 * not the tree. Where RFC 5256 REFERENCES and our rules legitimately differ, the test asserts our
 * rule and says why; everything else must agree.
 */
class DovecotThreadingOracleTests {

    private static final Path CORPUS = Path.of("../shared/corpora/threading/dovecot-imaptest");

    @Test
    void aReferenceLoopStaysOneConversationWithEveryMessageThatNamesAnother() throws IOException {
        var messages = Mbox.read(CORPUS.resolve("thread.mbox"));
        var expected = expectedThreads("thread", 0);

        // Dovecot answers (3 2)(1): b references <a> <c> and c references <b>, a loop; JWZ breaks
        // it by dropping a's link. We map Message-IDs to conversations instead of building a tree, so
        // b, which names a as an ancestor, simply joins a, and c joins them: one conversation.
        assertThat(expected).containsExactlyInAnyOrder(Set.of(1), Set.of(2, 3));
        assertThat(ourThreads(messages)).containsExactlyInAnyOrder(Set.of(1, 2, 3));
    }

    @Test
    void afterTheExpungeTheLoopIsOneConversationAsDovecotSays() throws IOException {
        var messages = Mbox.read(CORPUS.resolve("thread.mbox"));

        assertThat(ourThreads(messages.subList(1, 3))).containsExactlyInAnyOrderElementsOf(expectedThreads("thread", 1));
    }

    @Test
    void aDuplicateMessageIdJoinsTheFirstMessage() throws IOException {
        var messages = Mbox.read(CORPUS.resolve("thread2.mbox"));

        // Dovecot answers (1)(2): RFC 5256 treats a repeated Message-ID as a distinct message. Mail
        // ingestion already dropped exact duplicates, so two stored messages with one Message-ID are
        // copies that differ (the mailing list's copy and the direct one): they belong together.
        assertThat(expectedThreads("thread2", 0)).containsExactlyInAnyOrder(Set.of(1), Set.of(2));
        assertThat(ourThreads(messages)).containsExactlyInAnyOrder(Set.of(1, 2));
    }

    @Test
    void aDuplicateMessageIdWithAReplySubjectJoinsAsDovecotSays() throws IOException {
        assertThat(ourThreads(Mbox.read(CORPUS.resolve("thread3.mbox"))))
                .containsExactlyInAnyOrderElementsOf(expectedThreads("thread3", 0));
    }

    @Test
    void aReplyWhoseReferenceIsMissingJoinsBySubjectAsDovecotSays() throws IOException {
        // the shared participant is the envelope sender (the mbox has no From header)
        assertThat(ourThreads(Mbox.read(CORPUS.resolve("thread4.mbox"))))
                .containsExactlyInAnyOrderElementsOf(expectedThreads("thread4", 0));
    }

    @Test
    void baseSubjectsGroupLikeOrderedSubjectExceptThatOnlyRepliesJoin() throws IOException {
        var messages = Mbox.read(CORPUS.resolve("thread-orderedsubject.mbox"));
        var expected = new ArrayList<>(expectedThreads("thread-orderedsubject", 0));

        // ORDEREDSUBJECT groups every message by base subject; we join by subject only replies and
        // never on an empty base subject. The one difference here: 9 (no subject) and 10 ("_"
        // encoded as a blank), which Dovecot groups because both base subjects are empty.
        assertThat(expected.remove(Set.of(9, 10))).isTrue();
        expected.add(Set.of(9));
        expected.add(Set.of(10));
        assertThat(ourThreads(messages)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void baseSubjectsSortLikeDovecotsSortBySubject() throws IOException {
        var messages = Mbox.read(CORPUS.resolve("sort-subject.mbox"));
        var expected = Files.readAllLines(CORPUS.resolve("sort-subject.imaptest.txt")).stream()
                .filter(line -> line.startsWith("* sort ")).findFirst().orElseThrow().substring("* sort ".length());

        // i;ascii-casemap compares upper-cased; ties keep mailbox order
        var sorted = IntStream.rangeClosed(1, messages.size()).boxed()
                .sorted(Comparator.comparing((Integer n) -> SubjectNormaliser.normalise(messages.get(n - 1).subject()).base()
                        .toUpperCase(Locale.ROOT)).thenComparing(n -> n))
                .map(String::valueOf).toList();

        assertThat(String.join(" ", sorted)).isEqualTo(expected);
    }

    /** Our grouping, as sets of 1-based positions. */
    static List<Set<Integer>> ourThreads(List<MessageFacts> messages) {
        var threads = new InMemoryThreads();
        for (int i = 0; i < messages.size(); i++) {
            threads.add(Integer.toString(i + 1), messages.get(i));
        }
        return threads.groups().stream()
                .map(group -> (Set<Integer>) new TreeSet<>(group.stream().map(Integer::valueOf).toList()))
                .toList();
    }

    /** The {@code occurrence}-th {@code * THREAD} answer of the case, as sets of message numbers. */
    static List<Set<Integer>> expectedThreads(String name, int occurrence) throws IOException {
        var answer = Files.readAllLines(CORPUS.resolve(name + ".imaptest.txt")).stream()
                .filter(line -> line.toUpperCase(Locale.ROOT).startsWith("* THREAD "))
                .skip(occurrence).findFirst().orElseThrow();
        var groups = new ArrayList<Set<Integer>>();
        Set<Integer> current = new HashSet<>();
        var depth = 0;
        var number = new StringBuilder();
        for (var c : answer.substring("* THREAD ".length()).toCharArray()) {
            if (Character.isDigit(c)) {
                number.append(c);
                continue;
            }
            if (number.length() > 0) {
                current.add(Integer.valueOf(number.toString()));
                number.setLength(0);
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                groups.add(new TreeSet<>(current));
                current = new HashSet<>();
            }
        }
        return groups;
    }
}
