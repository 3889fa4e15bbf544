package org.opportune.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.mail.internal.BlobCollector;
import org.opportune.mail.internal.FileBlobStore;
import org.opportune.mail.internal.Hostile;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orphan collector against the real tables, on a blob store of its own (the application's is
 * shared by every test, so these tests never collect it): the same content has the same key in both.
 */
@IntegrationTest
class BlobCollectorIntegrationTests {

    @Autowired
    MailIngestion ingestion;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    BlobsGcCommand command;

    @TempDir
    Path root;

    @Test
    void deletesAnOldOrphanAndNeverAReferencedOrAYoungBlob() throws IOException {
        var mailbox = mailboxes.ensureMailbox("blobs-" + shortId() + "@demo.example");
        var stored = message("stored");
        var quarantined = Hostile.hugeHeader(1024 * 1024);
        ingestion.ingest(IngestSource.imported(mailbox.id(), "test"), stored);
        ingestion.ingest(IngestSource.imported(mailbox.id(), "test"), quarantined);
        var store = new FileBlobStore(root);
        var storedKey = old(store.put(stored));
        var quarantinedKey = old(store.put(quarantined));
        var orphanKey = old(store.put(message("written before a crash")));
        var youngOrphanKey = store.put(message("import in flight"));
        var collector = new BlobCollector(jdbc, store, clock);

        var result = collector.collect(Duration.ofHours(24), false);

        assertThat(result).isEqualTo(new BlobCollector.Result(3, 1, 1));
        assertThat(store.exists(storedKey)).isTrue();
        assertThat(store.exists(quarantinedKey)).isTrue();
        assertThat(store.exists(orphanKey)).isFalse();
        assertThat(store.exists(youngOrphanKey)).isTrue();
    }

    @Test
    void aDryRunCountsOrphansAndDeletesNothing() throws IOException {
        var store = new FileBlobStore(root);
        var orphanKey = old(store.put(message("left behind")));
        var collector = new BlobCollector(jdbc, store, clock);

        var result = collector.collect(Duration.ofHours(24), true);

        assertThat(result).isEqualTo(new BlobCollector.Result(1, 1, 0));
        assertThat(store.exists(orphanKey)).isTrue();
    }

    @Test
    void anOldOrphanStoredAgainByAnImportIsKept() throws IOException {
        var store = new FileBlobStore(root);
        var content = message("same bytes again");
        var key = old(store.put(content));
        var collector = new BlobCollector(jdbc, store, clock);

        store.put(content);
        var result = collector.collect(Duration.ofHours(24), false);

        assertThat(result.deleted()).isZero();
        assertThat(store.exists(key)).isTrue();
    }

    @Test
    void theCommandRejectsUnknownArgumentsAndPrintsItsCountsAsTheLastLine() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        var bad = command.run(List.of("--grace", "soon"), new PrintStream(out, true), new PrintStream(err, true));
        var dryRun = command.run(List.of("--dry-run", "--grace", "3650d"), new PrintStream(out, true),
                new PrintStream(err, true));

        assertThat(bad).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Not a duration: soon", BlobsGcCommand.USAGE);
        assertThat(dryRun).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("dry run, examined 0, orphans 0, deleted 0");
    }

    /** Makes the blob look written two days ago. */
    private String old(String key) throws IOException {
        var file = root.resolve(key.substring(0, 2)).resolve(key);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(48))));
        return key;
    }

    private static byte[] message(String subject) {
        return ("From: someone@customer.example\r\nSubject: " + subject + "\r\nMessage-ID: <" + UUID.randomUUID()
                + "@customer.example>\r\n\r\nHello\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
