package org.opportune.triage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.opportune.mail.MailContent;
import org.opportune.mail.MailProperties;
import org.opportune.mail.internal.MailContentReader;
import org.opportune.mail.internal.MboxReader;
import org.opportune.testing.MailCorpus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classifier skips a phrase rule when the literals its expression needs are not in the text
 * ({@link RulePrefilter}): that must never change a result. Checked against running every expression,
 * on every message of the shared corpora, the labelled sets, the benchmark's generated corpus and the
 * intent sentences.
 */
class TriagePrefilterTests {

    private static final Path CORPORA = Path.of("../shared/corpora");
    private static final MailContentReader READER = new MailContentReader(MailProperties.defaults());

    private final TriageClassifier fast = new TriageClassifier(TriageRules.defaults());
    private final TriageClassifier everyRule = new TriageClassifier(TriageRules.defaults(), false);

    @Test
    void classifiesEveryCorpusMessageExactlyAsRunningEveryRuleDoes() throws IOException {
        assertThat(CORPORA).as("the corpora sit beside the repository").isDirectory();
        var inputs = new ArrayList<TriageInput>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPORA)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (var file : files) {
            mails(Files.readAllBytes(file)).forEach(mail -> inputs.add(input(mail)));
        }
        for (var labelled : EvalSet.load(EvalSet.ROOT)) {
            inputs.add(TriageInputs.from(labelled.mail(), EvalSet.OWN_DOMAINS, Relationship.UNKNOWN, null));
        }
        for (var labelled : EvalSet.load(EvalSet.HOLDOUT)) {
            inputs.add(TriageInputs.from(labelled.mail(), EvalSet.OWN_DOMAINS, Relationship.CUSTOMER, null));
        }
        MailCorpus.generate(42, 600, mail -> inputs.add(input(READER.read(mail.raw()))));
        for (var line : Files.readAllLines(CORPORA.resolve("labeled/parakweet-email-intent/Ask0729-fixed.txt"))) {
            var sentence = line.substring(line.indexOf('\t') + 1);
            inputs.add(TriageInput.of("someone@customer.example", "", sentence, Set.of("brightline.example")));
            inputs.add(TriageInput.of("colleague@brightline.example", "Fwd: enquiry",
                    "---------- Forwarded message ---------\nFrom: a@b.example\n\n" + sentence, Set.of("brightline.example")));
        }

        // both cores: a classifier is stateless and shared by the application's listener threads too
        var differences = inputs.parallelStream()
                .<String>mapMulti((input, found) -> {
                    var expected = everyRule.classify(input);
                    var actual = fast.classify(input);
                    if (!actual.equals(expected)) {
                        found.accept(input.subject() + ": " + expected + " but " + actual);
                    }
                })
                .toList();
        assertThat(inputs).hasSizeGreaterThan(9000);
        assertThat(differences).isEmpty();
    }

    @Test
    void everyCharacterThatARulesLiteralMatchesFoldsToTheLiteral() {
        // the prefilter compares folded text with folded literals: sound only if every character the
        // expression matches case-insensitively folds to the same character as the pattern's
        var alphabet = new StringBuilder();
        TriageRules.defaults().all().forEach(rule -> RequiredLiterals.of(rule.pattern())
                .forEach(clause -> clause.forEach(alphabet::append)));
        var checked = alphabet.chars().distinct().toArray();
        var wrong = new ArrayList<String>();
        for (var p : checked) {
            var single = Pattern.compile(Pattern.quote(String.valueOf((char) p)), TriageRule.FLAGS);
            for (int t = 0; t <= Character.MAX_CODE_POINT; t++) {
                if (t >= Character.MIN_SURROGATE && t <= Character.MAX_SURROGATE) {
                    continue;
                }
                var text = new String(Character.toChars(t));
                if (single.matcher(text).matches() && !RequiredLiterals.fold(text).equals(String.valueOf((char) p))) {
                    wrong.add(String.format("pattern %04x matches %04x", p, t));
                }
            }
        }
        assertThat(checked.length).isGreaterThan(40);
        assertThat(wrong).isEmpty();
    }

    @Test
    void findsTheLiteralsAnExpressionNeeds() {
        assertThat(RequiredLiterals.of("\\b(send|give)\\s+(us\\s+)?quotes?\\b"))
                .containsExactly(Set.of("send", "give"), Set.of("quotes", "quote"));
        assertThat(RequiredLiterals.of("\\b(send|give) (us )?quotes?")).hasSize(1)
                .first().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE).contains("send us quote", "give quotes");
        assertThat(RequiredLiterals.of("\\b(rabatt|nachlass)\\b")).containsExactly(Set.of("rabatt", "nachlass"));
        assertThat(RequiredLiterals.of("Zahlungsziel")).containsExactly(Set.of("zahlungsziel"));
        // an alternation needs one literal of each branch
        assertThat(RequiredLiterals.of("\\bfoo\\w+|bar\\s+baz")).containsExactly(Set.of("foo", "bar"));
        // nothing to say: an optional branch, a backreference, inline flags
        assertThat(RequiredLiterals.of("(quote)?\\w+")).isEmpty();
        assertThat(RequiredLiterals.of("(abc)\\1")).isEmpty();
        assertThat(RequiredLiterals.of("(?-i)Quote")).isEmpty();
        assertThat(RequiredLiterals.of("quote|\\w+")).isEmpty();
    }

    @Test
    void findsEveryLiteralInOnePass() {
        var scanner = new LiteralScanner(List.of("he", "she", "his", "hers", "price list", "prix"));

        assertThat(scanner.find("ushers").stream().toArray()).containsExactly(0, 1, 3);
        assertThat(scanner.find("our price list and prices").stream().toArray()).containsExactly(4);
        assertThat(scanner.find("nothing").isEmpty()).isTrue();
    }

    private static TriageInput input(MailContent mail) {
        return TriageInputs.from(mail, Set.of("brightline.example", "enron.com"), Relationship.UNKNOWN, null);
    }

    /** One file: an mbox of many messages or one message; what the parser refuses is left out. */
    private static List<MailContent> mails(byte[] bytes) {
        var raws = new ArrayList<byte[]>();
        if (MboxReader.looksLikeMbox(Arrays.copyOf(bytes, Math.min(bytes.length, 8192)))) {
            try {
                MboxReader.split(new ByteArrayInputStream(bytes), raws::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            raws.add(bytes);
        }
        var mails = new ArrayList<MailContent>();
        for (var raw : raws) {
            try {
                mails.add(READER.read(raw));
            } catch (IllegalArgumentException e) {
                // quarantined in real life: nothing to triage
            }
        }
        return mails;
    }
}
