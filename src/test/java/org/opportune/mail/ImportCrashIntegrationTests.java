package org.opportune.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import org.opportune.mail.internal.FileBlobStore;
import org.opportune.mail.internal.Hashes;
import org.opportune.testing.JarProcess;
import org.opportune.testing.MailCorpus;
import org.opportune.testing.ProcessDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills the real application (a separate JVM, SIGKILL) in the middle of a large import, and shows
 * that nothing is lost or stored twice: the same import run again stores exactly what was missing,
 * and the threading of messages whose event was in flight at the crash happens after a restart
 * (Spring Modulith's JDBC event publication registry republishes it). On H2 (file) and, with
 * {@code -Dtest.postgres}, on PostgreSQL.
 *
 * <p>H2 writes a commit to its file up to {@code WRITE_DELAY} (50 ms, set in the application's URL) after it
 * returns, so the test lets the import run on for a moment after its first progress line before it kills it:
 * a kill right after the line could find the batch that line reported not yet in the file.
 */
class ImportCrashIntegrationTests {

    static final String MAILBOX = "sales@crash.example";
    static final Pattern SUMMARY = Pattern.compile("imported (\\d+) new, (\\d+) duplicate, (\\d+) quarantined");
    /**
     * The kill comes after the first progress line (every 500 messages read), so with 1,000 .eml files first the
     * import is always killed in the middle of them, with the mbox still to come: that is all the corpus's size
     * is for (it was 3,000 + 5,000, which made the re-run import and thread 7,500 messages for the same proof).
     */
    static final int EMLS = 1000;
    static final int IN_MBOX = 1500;
    static final int COPIES = 50;

    /** Kept when the test fails: the application's logs are in its {@code logs} and {@code data/logs} folders. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path temp;

    final List<JarProcess> processes = new ArrayList<>();
    ProcessDatabase database;
    Set<String> expectedIds;

    @AfterEach
    void killEverythingStarted() {
        processes.forEach(JarProcess::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void anImportKilledHalfwayAndRunAgainStoresEveryMessageExactlyOnceAndThreadsIt() throws IOException {
        var corpus = corpus();
        var unique = EMLS + IN_MBOX;
        var read = unique + COPIES;
        database = ProcessDatabase.create(temp.resolve("data"));

        var killed = start("import-killed", "import", "--mailbox", MAILBOX, corpus.toString());
        killed.awaitOutput(err -> err.contains(" messages read: "), true, Duration.ofMinutes(3));
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        killed.kill();
        var storedAtCrash = database.count("select count(*) from messages");
        var threadedAtCrash = database.count("select count(*) from conversation_messages");
        System.out.printf("killed the import with %d of %d messages stored and %d threaded (%s)%n", storedAtCrash, unique,
                threadedAtCrash, database.postgres() ? "PostgreSQL" : "H2");

        assertThat(killed.isAlive()).isFalse();
        assertThat(killed.exitValue()).isNotZero();
        assertThat(killed.stdout()).doesNotContain("imported ");
        assertThat(storedAtCrash).isPositive().isLessThan(unique);
        assertNoOrphans();

        var web = start("web-after-crash", "--server.port=0");
        // the test's own queries wait until the application holds the database: on H2 a connection opened while
        // the application opens the file (AUTO_SERVER) can fail for a moment with "Lock file recently modified"
        web.awaitOutput(out -> out.contains("Tomcat started on port"), false, Duration.ofMinutes(2));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(CannotGetJdbcConnectionException.class)
                .untilAsserted(() -> assertThat(database.count("select count(*) from conversation_messages"))
                        .isEqualTo(storedAtCrash));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptionsInstanceOf(CannotGetJdbcConnectionException.class)
                .until(() -> database.count("select count(*) from event_publication where completion_date is null") == 0);
        web.stop(Duration.ofSeconds(30));

        var rerun = start("import-rerun", "import", "--mailbox", MAILBOX, corpus.toString());
        var exit = rerun.awaitExit(Duration.ofMinutes(8));

        assertThat(exit).as(rerun.stderr()).isZero();
        var lines = rerun.stdout().strip().split("\\R");
        var summary = SUMMARY.matcher(lines[lines.length - 1]);
        assertThat(summary.matches()).as(rerun.stdout()).isTrue();
        var newMessages = Long.parseLong(summary.group(1));
        var duplicates = Long.parseLong(summary.group(2));
        assertThat(summary.group(3)).isEqualTo("0");
        assertThat(newMessages).isEqualTo(unique - storedAtCrash);
        assertThat(newMessages + duplicates).isEqualTo(read);
        assertEveryMessageStoredOnceAndLinkedOnce(unique);
        assertNoOrphans();
        assertThat(database.count("select count(*) from conversation_messages"))
                .as(() -> "threaded after the re-run; " + database.deliveries() + rerun.describe()).isEqualTo(unique);
        assertThat(database.count("select count(*) from event_publication where completion_date is null")).isZero();
    }

    private Path corpus() throws IOException {
        var mails = MailCorpus.generate(7, EMLS + IN_MBOX);
        var folder = temp.resolve("corpus");
        MailCorpus.writeEmls(mails.subList(0, EMLS), folder.resolve("eml"));
        MailCorpus.writeMbox(mails.subList(EMLS, mails.size()), folder.resolve("archive.mbox"));
        MailCorpus.writeEmls(mails.subList(EMLS + IN_MBOX - COPIES, mails.size()), folder.resolve("copies"));
        expectedIds = new HashSet<>(mails.stream().map(MailCorpus.Mail::messageId).toList());
        return folder;
    }

    private void assertEveryMessageStoredOnceAndLinkedOnce(int unique) {
        var jdbc = database.jdbc();
        var ids = jdbc.sql("select message_id_header from messages").query(String.class).list();
        assertThat(ids).hasSize(unique).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(expectedIds);
        var links = jdbc.sql("""
                        select count(*) as links, count(distinct l.message_id) as messages from message_mailboxes l
                        join mailboxes m on m.id = l.mailbox_id where m.address = :address
                        """)
                .param("address", MAILBOX)
                .query((rs, n) -> new long[] {rs.getLong("links"), rs.getLong("messages")}).single();
        assertThat(links).containsExactly(unique, unique);
        assertThat(database.count("select count(*) from message_mailboxes")).isEqualTo(unique);
    }

    private void assertNoOrphans() {
        var jdbc = database.jdbc();
        var keys = new ArrayList<String>(jdbc.sql("select raw_blob_key from messages").query(String.class).list());
        keys.addAll(jdbc.sql("select blob_key from attachments").query(String.class).list());
        // every row's blob is there whole: read back, its content hashes to its key (an import's blobs are in packs)
        var blobs = new FileBlobStore(database.dataDir().resolve("blobs"));
        assertThat(keys).isNotEmpty().allSatisfy(key -> {
            try (var in = blobs.open(key)) {
                assertThat(Hashes.sha256(in.readAllBytes())).isEqualTo(key);
            }
        });
        assertThat(database.count("select count(*) from messages m where not exists "
                + "(select 1 from message_mailboxes l where l.message_id = m.id)")).isZero();
    }

    private JarProcess start(String name, String... args) {
        var process = JarProcess.start(name, database, temp.resolve("logs"), args);
        processes.add(process);
        return process;
    }
}
