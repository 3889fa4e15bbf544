package org.opportune.mail.internal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body hash is part of every stored dedupe key: it must stay the same across versions, or importing
 * mail again would store it twice. The expected values are SHA-256 sums computed outside Java.
 */
class FingerprintTests {

    @Test
    void theBodyIsHashedWithoutCarriageReturnsAndWithoutTrailingBlankSpace() {
        var crlf = "Subject: x\r\nFrom: a@b.example\r\n\r\nHello\r\nworld \r\n\r\n\t\r\n";
        var lf = "Subject: x\nFrom: a@b.example\n\nHello\nworld\n";

        assertThat(Fingerprint.bodyHash(bytes(crlf))).isEqualTo("46e0ea795802f17d0b340983ca7d7068c94d7d9172ee4daea37a1ab1168649ec")
                .isEqualTo(Fingerprint.bodyHash(bytes(lf)));
    }

    @Test
    void carriageReturnsInsideALineAreLeftOutToo() {
        assertThat(Fingerprint.bodyHash(bytes("A: b\r\n\r\nHel\rlo\r\r\nworld")))
                .isEqualTo("46e0ea795802f17d0b340983ca7d7068c94d7d9172ee4daea37a1ab1168649ec");
    }

    @Test
    void aMessageWithoutAnEmptyLineIsHashedWhole() {
        assertThat(Fingerprint.bodyHash(bytes("no blank line\r\njust text\r\n")))
                .isEqualTo("49c93167c2d7dd96a7aa21dfed570626a8263bb04110b7670b7222f1608b9815");
    }

    @Test
    void anEmptyBodyHashesAsNothing() {
        assertThat(Fingerprint.bodyHash(bytes("Subject: nothing\r\n\r\n \r\n"))).isEqualTo(Fingerprint.bodyHash(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
