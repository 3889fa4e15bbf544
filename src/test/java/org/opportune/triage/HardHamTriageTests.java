package org.opportune.triage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SpamAssassin "hard ham" (commercial newsletters and marketing that are not spam), read from the corpus
 * beside the repository: none of it is a lead, so every buying signal is a false positive.
 */
class HardHamTriageTests {

    private static final Path CORPUS = Path.of("../shared/corpora/labeled/spamassassin-stdlib/hard-ham-1");

    @Test
    void hardHamNewslettersAreRarelyCalledBuyingSignals() throws IOException {
        assertThat(CORPUS).as("the corpus sits beside the repository").isDirectory();
        List<Path> files;
        try (Stream<Path> list = Files.list(CORPUS)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        var classifier = new TriageClassifier(TriageRules.defaults());
        var counts = new EnumMap<Category, Integer>(Category.class);
        var buying = new StringBuilder();
        for (var file : files) {
            var mail = EvalSet.read(file);
            var result = classifier.classify(TriageInputs.from(mail, Set.of("example.com"), Relationship.UNKNOWN, null));
            counts.merge(result.category(), 1, Integer::sum);
            if (result.category() == Category.BUYING_SIGNAL) {
                buying.append(String.format("  %s: %s%n", file.getFileName(), result.explanation()));
            }
        }
        var falsePositives = counts.getOrDefault(Category.BUYING_SIGNAL, 0);
        System.out.printf("%n== hard ham: %d messages, by category %s; called buying_signal: %d (%.1f%%)%n%s",
                files.size(), counts, falsePositives, 100.0 * falsePositives / files.size(), buying);

        assertThat(files).hasSizeGreaterThanOrEqualTo(100);
        assertThat((double) falsePositives / files.size()).isLessThanOrEqualTo(0.04);
    }

}
