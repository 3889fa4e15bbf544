package org.opportune.mail.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.apache.james.mime4j.MimeException;
import org.junit.jupiter.api.Test;

import org.opportune.mail.MailProperties;
import org.opportune.mail.internal.ParsedMessage.AddressKind;

import static org.assertj.core.api.Assertions.assertThat;

class MessageParserTests {

    static final Path CORPORA = Path.of("../shared/corpora");
    static final Path HOSTILE = Path.of("src/test/resources/mail/hostile");
    static final Instant RECEIVED = Instant.parse("2026-03-02T12:00:00Z");

    private final MessageParser parser = new MessageParser(MailProperties.defaults());

    @Test
    void decodesRfc2047SubjectsAndDisplayNames() throws Exception {
        var parsed = parse(CORPORA.resolve("mime-edge/ruby-mail/multi_charset/japanese_iso_2022.eml"));

        assertThat(parsed.subject()).isEqualTo("まみむめも");
        assertThat(parsed.addresses()).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AddressKind.TO);
            assertThat(a.name()).isEqualTo("みける");
        });
    }

    @Test
    void readsIso2022JpShiftJisAndKoreanBodies() throws Exception {
        var iso2022 = parse(CORPORA.resolve("mime-edge/ruby-mail/multi_charset/japanese_iso_2022.eml"));
        var shiftJis = parse(CORPORA.resolve("mime-edge/ruby-mail/multi_charset/japanese_shift_jis.eml"));
        var korean = parse(CORPORA.resolve("mime-edge/ruby-mail/multi_charset/ks_c_5601-1987.eml"));

        assertThat(iso2022.textBody()).contains("すみません。");
        assertThat(shiftJis.textBody()).contains("あいうえお", "このメールはテスト用のメールです。");
        assertThat(korean.textBody()).contains("스티해");
    }

    @Test
    void readsGb2312EncodedWordsAndUtf8BodiesMislabelledAsGb2312() throws Exception {
        var parsed = parse(CORPORA.resolve("mime-edge/spamscope-mail-parser/mail_test_12.eml"));

        assertThat(parsed.subject()).isEqualTo("代开各地增值税发票");
        assertThat(parsed.textBody()).startsWith("你好！我公司可代开各类增值税发票");
    }

    @Test
    void readsUtf8HeadersOfRfc6532() throws Exception {
        var parsed = parse(CORPORA.resolve("mime-edge/ruby-mail/rfc6532/utf8_headers.eml"));

        assertThat(parsed.subject()).isEqualTo("Säying Hello");
        assertThat(parsed.fromName()).isEqualTo("Jöhn Doe");
    }

    @Test
    void synthesisesAStableMessageIdWhenThereIsNone() throws Exception {
        var raw = Files.readAllBytes(HOSTILE.resolve("no-message-id.eml"));

        var first = parser.parse(raw, RECEIVED);
        var again = parser.parse(raw.clone(), RECEIVED.plusSeconds(60));

        assertThat(first.messageIdSynthesised()).isTrue();
        assertThat(first.messageId()).matches("[0-9a-f]{32}@opportune\\.invalid").isEqualTo(again.messageId());
        assertThat(first.problems()).anyMatch(p -> p.startsWith("no Message-ID"));
    }

    @Test
    void theSynthesisedIdIgnoresDeliveryHeadersSoCopiesInTwoMailboxesMatch() throws Exception {
        var raw = Files.readAllBytes(HOSTILE.resolve("no-message-id.eml"));
        var delivered = concat("Delivered-To: info@demo.example\r\nReceived: from mx by us\r\n", raw);

        assertThat(parser.parse(delivered, RECEIVED).messageId()).isEqualTo(parser.parse(raw, RECEIVED).messageId());
        assertThat(parser.parse(delivered, RECEIVED).dedupeKey()).isEqualTo(parser.parse(raw, RECEIVED).dedupeKey());
    }

    @Test
    void fallsBackToTheReceivedTimeWhenTheDateIsMissingOrBroken() throws Exception {
        var missing = parse(HOSTILE.resolve("no-message-id.eml"));
        var broken = parse(HOSTILE.resolve("garbage-headers.eml"));
        var fine = parse(HOSTILE.resolve("nul-bytes.eml"));

        assertThat(missing.sentAt()).isEqualTo(RECEIVED);
        assertThat(broken.sentAt()).isEqualTo(RECEIVED);
        assertThat(broken.problems()).contains("unreadable Date; used the time received");
        assertThat(fine.sentAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    }

    @Test
    void decodesSubjectsInLatin1AndUtf8EncodedWords() throws Exception {
        assertThat(parse(HOSTILE.resolve("no-message-id.eml")).subject()).isEqualTo("Grüße aus Köln");
    }

    @Test
    void sanitisesAttachmentNames() throws Exception {
        var parsed = parse(HOSTILE.resolve("traversal-names.eml"));

        assertThat(parsed.attachments()).extracting(ParsedMessage.Attachment::fileName)
                .containsExactly("passwd", "evil.dll", "invoicefdp.exe", "attachment");
        assertThat(parsed.textBody()).isEqualTo("See attached.");
    }

    @Test
    void stripsNulBytesFromHeadersAndBodies() throws Exception {
        var parsed = parse(HOSTILE.resolve("nul-bytes.eml"));

        assertThat(parsed.subject()).isEqualTo("Nul in subject");
        assertThat(parsed.textBody()).doesNotContain("\0").contains("Body with a NUL  byte and another.");
    }

    @Test
    void readsEightBitGarbageHeadersAndUnknownCharsetsBestEffort() throws Exception {
        var parsed = parse(HOSTILE.resolve("garbage-headers.eml"));

        assertThat(parsed.fromAddress()).isEqualTo("garbage@example.com");
        assertThat(parsed.subject()).startsWith("café");
        assertThat(parsed.textBody()).contains("Café crème brûlée");
        assertThat(parsed.problems()).anyMatch(p -> p.startsWith("unknown charset x-no-such-charset"));
    }

    @Test
    void keepsWhatItCanOfAnUnterminatedBoundary() throws Exception {
        var parsed = parse(HOSTILE.resolve("unterminated-boundary.eml"));

        assertThat(parsed.textBody()).contains("First part");
        assertThat(parsed.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("data.bin");
            assertThat(a.content()).startsWith(0, 1, 2, 3);
        });
    }

    @Test
    void extractsPartsOnlyUpToTheNestingLimitAndSaysSo() throws Exception {
        var parsed = parser.parse(Hostile.nested(200), RECEIVED);

        assertThat(parsed.problems()).anyMatch(p -> p.startsWith("MIME nesting deeper than 50 levels"));
        assertThat(parsed.subject()).isEqualTo("200 levels");
    }

    @Test
    void extractsOnlyTheFirstPartsOfAHugeMultipartAndSaysSo() throws Exception {
        var parsed = parser.parse(Hostile.manyParts(5000), RECEIVED);

        assertThat(parsed.attachments()).hasSizeLessThan(1000);
        assertThat(parsed.problems()).anyMatch(p -> p.contains("5001 MIME parts; only the first 1000 were extracted"));
    }

    @Test
    void refusesAHeaderOverTheLimit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parse(Hostile.hugeHeader(1024 * 1024), RECEIVED))
                .isInstanceOf(MimeException.class);
    }

    @Test
    void readsA25MegabyteAttachment() throws Exception {
        var parsed = parser.parse(Hostile.bigAttachment(25 * 1024 * 1024), RECEIVED);

        assertThat(parsed.attachments()).singleElement().satisfies(a -> assertThat(a.content()).hasSize(25 * 1024 * 1024));
    }

    @Test
    void neverThrowsAnythingButAMimeExceptionOnTheCorpora() throws IOException {
        var messages = Hostile.corpusMessages(CORPORA.resolve("mime-edge"));
        int parsed = 0;
        int refused = 0;

        for (var raw : messages) {
            try {
                parser.parse(raw, RECEIVED);
                parsed++;
            } catch (MimeException e) {
                refused++;
            }
        }

        assertThat(parsed + refused).isEqualTo(messages.size());
        assertThat(messages).hasSizeGreaterThan(300);
    }

    private ParsedMessage parse(Path file) throws IOException, MimeException {
        return parser.parse(Files.readAllBytes(file), RECEIVED);
    }

    private static byte[] concat(String prefix, byte[] raw) {
        var head = prefix.getBytes(StandardCharsets.US_ASCII);
        var all = new byte[head.length + raw.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(raw, 0, all, head.length, raw.length);
        return all;
    }
}
