package org.opportune.mail.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MboxReaderTests {

    private static final Path RLUG = Path.of("../shared/corpora/mime-edge/james-mime4j/mbox-test-1");

    @Test
    void splitsMime4jsMboxIntoTheSameMessagesAsItsExpectedOutput() throws IOException {
        var messages = split(Files.readAllBytes(RLUG.resolve("mbox.rlug")));

        assertThat(messages).hasSize(5);
        for (int i = 0; i < 5; i++) {
            var expected = new String(Files.readAllBytes(RLUG.resolve("mbox.rlug-" + i)), StandardCharsets.ISO_8859_1);
            assertThat(new String(messages.get(i), StandardCharsets.ISO_8859_1).strip()).isEqualTo(expected.strip());
        }
    }

    @Test
    void unescapesFromLinesInBodiesAndKeepsProseFromLinesInTheMessage() throws IOException {
        var mbox = """
                From a@example.com Mon Mar  2 10:00:00 2026
                Subject: one

                >From the start
                >>From deeper

                From here on it is prose, not an envelope line

                From b@example.com Mon Mar  2 10:01:00 2026
                Subject: two

                body two
                """;

        var messages = split(mbox.getBytes(StandardCharsets.US_ASCII));

        assertThat(messages).hasSize(2);
        assertThat(new String(messages.get(0), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: one\n\nFrom the start\n>From deeper\n\nFrom here on it is prose, not an envelope line\n");
        assertThat(new String(messages.get(1), StandardCharsets.US_ASCII)).isEqualTo("Subject: two\n\nbody two\n");
    }

    @Test
    void tellsAnMboxFromASingleMessageByItsFirstLine() {
        assertThat(MboxReader.looksLikeMbox("From a@b Mon Mar  2 10:00:00 2026\n".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(MboxReader.looksLikeMbox("From: a@b\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    private static List<byte[]> split(byte[] mbox) throws IOException {
        var messages = new ArrayList<byte[]>();
        MboxReader.split(new ByteArrayInputStream(mbox), messages::add);
        return messages;
    }
}
