package org.opportune.conversation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A month of real mailing-list traffic (fedora-devel, January 2010, 292 messages) against the
 * thread index MHonArc built for it ({@code expected-threads.json}). Agreement is measured on pairs
 * of messages: of the pairs we put into one conversation, how many MHonArc has together
 * (precision), and of MHonArc's pairs, how many we have (recall).
 */
class FedoraDevelThreadingTests {

    private static final Path CORPUS = Path.of("../shared/corpora/threading/fedora-devel-2010-01");

    @Test
    void agreesWithTheArchivesThreadIndex() throws IOException {
        var messages = Mbox.read(CORPUS.resolve("2010-January.mbox"));
        var expected = JsonMapper.builder().build().readTree(CORPUS.resolve("expected-threads.json").toFile());
        var expectedThread = threadOfEachMessage(expected.get("thread_groups"));
        var threads = new InMemoryThreads();
        for (int i = 0; i < messages.size(); i++) {
            threads.add(Integer.toString(i), messages.get(i));
        }
        var ourThread = new HashMap<Integer, Long>();
        threads.conversationByKey().forEach((key, id) -> ourThread.put(Integer.valueOf(key), id));

        long both = 0;
        long oursOnly = 0;
        long theirsOnly = 0;
        for (int a = 0; a < messages.size(); a++) {
            for (int b = a + 1; b < messages.size(); b++) {
                var ours = ourThread.get(a).equals(ourThread.get(b));
                var theirs = expectedThread.get(a).equals(expectedThread.get(b));
                both += ours && theirs ? 1 : 0;
                oursOnly += ours && !theirs ? 1 : 0;
                theirsOnly += !ours && theirs ? 1 : 0;
            }
        }
        var precision = (double) both / (both + oursOnly);
        var recall = (double) both / (both + theirsOnly);
        System.out.printf("fedora-devel 2010-01: %d messages, %d conversations (MHonArc %d); same-thread pairs: "
                        + "precision %.4f, recall %.4f (%d agreed, %d only ours, %d only MHonArc)%n",
                messages.size(), threads.groups().size(), expected.get("thread_count").asInt(), precision, recall,
                both, oursOnly, theirsOnly);

        assertThat(messages).hasSize(expected.get("message_count").asInt());
        assertThat(precision).isGreaterThanOrEqualTo(0.99);
        assertThat(recall).isGreaterThanOrEqualTo(0.99);
    }

    private static Map<Integer, Integer> threadOfEachMessage(JsonNode groups) {
        var threadOf = new HashMap<Integer, Integer>();
        for (int thread = 0; thread < groups.size(); thread++) {
            for (var index : groups.get(thread)) {
                threadOf.put(index.asInt(), thread);
            }
        }
        return threadOf;
    }

}
