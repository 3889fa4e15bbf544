package org.opportune.mail.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import org.opportune.mail.IngestResult.Outcome;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Each ingestion step on its own. */
class IngestionStepsTests {

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final String MAIL = "From: a@example.com\r\nSubject: hi\r\nMessage-ID: <m1@example.com>\r\n\r\nHello\r\n";

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final MessageStore messages = mock(MessageStore.class);

    @Nested
    class KnownUid {

        @Test
        void anImapMessageAlreadyLinkedUnderItsUidIsADuplicate() {
            when(messages.findByUid(any())).thenReturn(Optional.of(7L));
            var ingestion = imap(MAIL);

            new KnownUidStep(messages).apply(ingestion);

            assertThat(ingestion.result()).isNotNull();
            assertThat(ingestion.result().outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(ingestion.result().messageId()).isEqualTo(7L);
        }

        @Test
        void anImportHasNoUidAndGoesOn() {
            var ingestion = imported(MAIL);

            new KnownUidStep(messages).apply(ingestion);

            assertThat(ingestion.finished()).isFalse();
        }
    }

    @Nested
    class StoreRaw {

        @Test
        void storesTheRawBytesByteForByte() {
            var ingestion = imported(MAIL);

            new StoreRawStep(blobs).apply(ingestion);

            assertThat(blobs.blobs.get(ingestion.rawBlobKey)).isEqualTo(MAIL.getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Nested
    class SizeLimit {

        @Test
        void quarantinesAMessageOverTheLimit() {
            var limits = new MailProperties(DataSize.ofBytes(10), 50, 1000, DataSize.ofKilobytes(256), 5000);
            var ingestion = imported(MAIL);

            new SizeLimitStep(limits).apply(ingestion);

            assertThat(ingestion.result().outcome()).isEqualTo(Outcome.QUARANTINED);
            assertThat(ingestion.result().reason()).contains("over the limit");
        }

        @Test
        void quarantinesAnEmptyMessage() {
            var ingestion = imported("\r\n \r\n");

            new SizeLimitStep(MailProperties.defaults()).apply(ingestion);

            assertThat(ingestion.result().reason()).isEqualTo("empty message");
        }

        @Test
        void letsANormalMessageThrough() {
            var ingestion = imported(MAIL);

            new SizeLimitStep(MailProperties.defaults()).apply(ingestion);

            assertThat(ingestion.finished()).isFalse();
        }
    }

    @Nested
    class Parse {

        @Test
        void parsesTheMessage() {
            var ingestion = imported(MAIL);

            new ParseStep(new MessageParser(MailProperties.defaults())).apply(ingestion);

            assertThat(ingestion.parsed().messageId()).isEqualTo("m1@example.com");
            assertThat(ingestion.parsed().textBody()).isEqualTo("Hello\r\n");
        }

        @Test
        void quarantinesWhatMime4jRefusesWithItsReason() {
            var ingestion = new Ingestion(IngestSource.imported(1, "test"), Hostile.hugeHeader(1024 * 1024), NOW);

            new ParseStep(new MessageParser(MailProperties.defaults())).apply(ingestion);

            assertThat(ingestion.result().outcome()).isEqualTo(Outcome.QUARANTINED);
            assertThat(ingestion.result().reason()).startsWith("unparseable MIME").contains("limit");
        }
    }

    @Nested
    class Deduplicate {

        @Test
        void findsTheMessageStoredWithTheSameFingerprint() {
            var ingestion = parsed(MAIL);
            when(messages.findByDedupeKey(ingestion.parsed().dedupeKey())).thenReturn(Optional.of(42L));

            new DeduplicateStep(messages).apply(ingestion);

            assertThat(ingestion.existingMessageId).isEqualTo(42L);
            assertThat(ingestion.dedupeKey).isEqualTo(ingestion.parsed().dedupeKey());
        }

        @Test
        void aNewFingerprintIsNoDuplicate() {
            var ingestion = parsed(MAIL);
            when(messages.findByDedupeKey(anyString())).thenReturn(Optional.empty());

            new DeduplicateStep(messages).apply(ingestion);

            assertThat(ingestion.existingMessageId).isNull();
        }

        @Test
        void theSameMessageIdWithOtherContentHasAnotherFingerprint() {
            var other = parsed(MAIL.replace("Hello", "Something else"));

            assertThat(other.parsed().dedupeKey()).isNotEqualTo(parsed(MAIL).parsed().dedupeKey());
        }
    }

    @Nested
    class StoreAttachments {

        @Test
        void storesEachAttachmentOfANewMessage() {
            var ingestion = new Ingestion(IngestSource.imported(1, "test"), Hostile.manyParts(3), NOW);
            new ParseStep(new MessageParser(MailProperties.defaults())).apply(ingestion);

            new StoreAttachmentsStep(blobs).apply(ingestion);

            assertThat(ingestion.attachmentBlobKeys).hasSize(3).allMatch(blobs::exists);
        }

        @Test
        void storesNothingForADuplicate() {
            var ingestion = new Ingestion(IngestSource.imported(1, "test"), Hostile.manyParts(3), NOW);
            new ParseStep(new MessageParser(MailProperties.defaults())).apply(ingestion);
            ingestion.existingMessageId = 5L;

            new StoreAttachmentsStep(blobs).apply(ingestion);

            assertThat(blobs.blobs).isEmpty();
        }
    }

    private static Ingestion imported(String raw) {
        return new Ingestion(IngestSource.imported(1, "test"), raw.getBytes(StandardCharsets.US_ASCII), NOW);
    }

    private static Ingestion imap(String raw) {
        return new Ingestion(IngestSource.imap(1, "INBOX", 1, 42), raw.getBytes(StandardCharsets.US_ASCII), NOW);
    }

    private static Ingestion parsed(String raw) {
        var ingestion = imported(raw);
        new ParseStep(new MessageParser(MailProperties.defaults())).apply(ingestion);
        return ingestion;
    }
}
