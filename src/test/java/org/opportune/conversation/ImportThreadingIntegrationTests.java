package org.opportune.conversation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.opportune.mail.MailImporter;
import org.opportune.mail.internal.PublicationBacklog;
import org.opportune.shared.Actor;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import threads its messages in batches ({@code MessagesReceived}, one transaction per batch, the
 * Message-IDs of a batch looked up at once); it must group a real mailing list as well as threading
 * one message at a time does ({@link FedoraDevelThreadingTests}): the month of fedora-devel against
 * its archive's thread index, with replies whose parents are in the other batch.
 */
@IntegrationTest
class ImportThreadingIntegrationTests {

    private static final Path CORPUS = Path.of("../shared/corpora/threading/fedora-devel-2010-01");

    @Autowired
    MailImporter importer;

    @Autowired
    ThreadsCommand threadsCommand;

    @Autowired
    PublicationBacklog backlog;

    @Test
    void anImportThreadsAMailingListInBatchesLikeItsArchive() throws IOException {
        var facts = Mbox.read(CORPUS.resolve("2010-January.mbox"));
        var expected = JsonMapper.builder().build().readTree(CORPUS.resolve("expected-threads.json").toFile());
        var mailbox = "fedora-" + UUID.randomUUID().toString().substring(0, 8) + "@import.example";

        var summary = importer.importPaths(Actor.system(), mailbox, List.of(CORPUS.resolve("2010-January.mbox")),
                MailImporter.Progress.none());
        backlog.await(java.time.Duration.ofMinutes(1), outstanding -> { });
        var out = new ByteArrayOutputStream();
        var exit = threadsCommand.run(List.of("--mailbox", mailbox), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(summary.read()).isEqualTo(facts.size());
        var conversationOf = new HashMap<String, Long>();
        out.toString(StandardCharsets.UTF_8).lines().forEach(line -> {
            var fields = line.split("\t");
            for (int i = 1; i < fields.length; i++) {
                conversationOf.put(fields[i], Long.valueOf(fields[0]));
            }
        });
        var ours = new HashMap<Integer, Long>();
        for (int i = 0; i < facts.size(); i++) {
            var conversation = conversationOf.get(facts.get(i).messageIdHeader());
            if (conversation != null) {
                ours.put(i, conversation);
            }
        }
        // every message with a Message-ID of its own is in a conversation (the others get a synthesised one)
        assertThat(ours.size()).isGreaterThanOrEqualTo(facts.size() - 2);
        var theirs = threadOfEachMessage(expected.get("thread_groups"));
        long both = 0;
        long oursOnly = 0;
        long theirsOnly = 0;
        for (var a : ours.keySet()) {
            for (var b : ours.keySet()) {
                if (a >= b) {
                    continue;
                }
                var together = ours.get(a).equals(ours.get(b));
                var expectedTogether = theirs.get(a).equals(theirs.get(b));
                both += together && expectedTogether ? 1 : 0;
                oursOnly += together && !expectedTogether ? 1 : 0;
                theirsOnly += !together && expectedTogether ? 1 : 0;
            }
        }
        assertThat((double) both / (both + oursOnly)).as("precision").isGreaterThanOrEqualTo(0.99);
        assertThat((double) both / (both + theirsOnly)).as("recall").isGreaterThanOrEqualTo(0.99);
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
