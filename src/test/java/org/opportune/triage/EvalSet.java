package org.opportune.triage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.opportune.mail.MailContent;
import org.opportune.mail.MailProperties;
import org.opportune.mail.internal.MailContentReader;

/** The labelled evaluation messages (label = folder name) and the figures of a run over them. */
final class EvalSet {

    static final Path ROOT = Path.of("src/test/resources/triage/eval");
    static final Path HOLDOUT = ROOT.resolve("holdout");
    /** The companies the evaluation mail was written to. */
    static final Set<String> OWN_DOMAINS = Set.of("brightline.example", "nordsoft.de", "traiteur-lumiere.fr", "logistica-sol.es");

    private static final MailContentReader READER = new MailContentReader(MailProperties.defaults());

    record Labelled(Path file, Category expected, MailContent mail) {
    }

    record Outcome(Labelled message, TriageResult result) {
        boolean correct() {
            return result.category() == message.expected();
        }
    }

    private EvalSet() {
    }

    static MailContent read(Path file) {
        try {
            return READER.read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages directly under {@code root}/<category>/ (not the holdout below the development set). */
    static List<Labelled> load(Path root) {
        var messages = new ArrayList<Labelled>();
        for (var category : Category.values()) {
            var folder = root.resolve(category.label());
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(f -> f.toString().endsWith(".eml")).sorted()
                        .forEach(f -> messages.add(new Labelled(f, category, read(f))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    static List<Outcome> run(List<Labelled> messages) {
        var classifier = new TriageClassifier(TriageRules.defaults());
        return messages.stream()
                .map(m -> new Outcome(m, classifier.classify(TriageInputs.from(m.mail(), OWN_DOMAINS, Relationship.UNKNOWN, null))))
                .toList();
    }

    /** Precision, recall and F1 of one category. */
    record Figures(int truePositives, int predicted, int actual) {
        double precision() {
            return predicted == 0 ? 1 : (double) truePositives / predicted;
        }

        double recall() {
            return actual == 0 ? 1 : (double) truePositives / actual;
        }

        double f1() {
            return precision() + recall() == 0 ? 0 : 2 * precision() * recall() / (precision() + recall());
        }
    }

    static Map<Category, Figures> figures(List<Outcome> outcomes) {
        var figures = new EnumMap<Category, Figures>(Category.class);
        for (var category : Category.values()) {
            var tp = (int) outcomes.stream().filter(o -> o.correct() && o.message().expected() == category).count();
            var predicted = (int) outcomes.stream().filter(o -> o.result().category() == category).count();
            var actual = (int) outcomes.stream().filter(o -> o.message().expected() == category).count();
            figures.put(category, new Figures(tp, predicted, actual));
        }
        return figures;
    }

    static double accuracy(List<Outcome> outcomes) {
        return (double) outcomes.stream().filter(Outcome::correct).count() / outcomes.size();
    }

    static String report(String title, List<Outcome> outcomes) {
        var out = new StringBuilder(String.format("%n== %s: %d messages, accuracy %.3f%n", title, outcomes.size(), accuracy(outcomes)));
        out.append(String.format("%-14s %9s %9s %9s %7s%n", "category", "precision", "recall", "f1", "n"));
        figures(outcomes).forEach((category, f) -> out.append(String.format("%-14s %9.3f %9.3f %9.3f %7d%n",
                category.label(), f.precision(), f.recall(), f.f1(), f.actual())));
        out.append("confusion (rows = expected, columns = predicted)\n").append(String.format("%-14s", ""));
        for (var c : Category.values()) {
            out.append(String.format("%6.6s", c.label()));
        }
        out.append('\n');
        for (var expected : Category.values()) {
            out.append(String.format("%-14s", expected.label()));
            for (var predicted : Category.values()) {
                out.append(String.format("%6d", outcomes.stream()
                        .filter(o -> o.message().expected() == expected && o.result().category() == predicted).count()));
            }
            out.append('\n');
        }
        outcomes.stream().filter(o -> !o.correct()).forEach(o -> out.append(String.format("  wrong: %s expected %s got %s: %s%n",
                ROOT.relativize(o.message().file()), o.message().expected().label(), o.result().category().label(),
                o.result().explanation())));
        return out.toString();
    }
}
