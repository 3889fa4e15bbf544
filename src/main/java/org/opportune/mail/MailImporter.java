package org.opportune.mail;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.mail.internal.MailFiles;
import org.opportune.mail.internal.MboxReader;
import org.opportune.shared.Actor;
import org.opportune.shared.ImportWindow;

/**
 * Imports .eml files and mbox files (told apart by content: an mbox starts with a {@code "From "}
 * line) into a mailbox through {@link MailIngestion}, in batches ({@link MailIngestion#ingestAll}): so an
 * import run twice stores nothing twice, a broken message is quarantined without stopping the rest,
 * and a crash loses at most the batch in flight, which the next run stores. While it runs, the threading,
 * triage and search indexing of its batches wait ({@link ImportWindow}) and then catch up.
 */
@Service
public class MailImporter {

    /** Messages per batch (one transaction), and the bytes after which a batch is stored early. */
    static final int BATCH = 250;
    static final long BATCH_BYTES = 32L << 20;

    /**
     * Batches being prepared or persisted at once: while the oldest is persisted, the two after it are parsed and
     * their blobs written and synced, so the parsing pool does not stop while a batch waits for the disk.
     */
    static final int IN_FLIGHT = 3;

    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$");

    /** A file to import: a name for progress and quarantine, and its content. */
    public record ImportFile(String name, InputStreamSource content) {
    }

    /** Told after every message, with the counts so far. */
    public interface Progress {
        void messageRead(ImportSummary soFar);

        static Progress none() {
            return soFar -> { };
        }
    }

    private final MailboxService mailboxes;
    private final MailIngestion ingestion;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final ImportWindow window;

    MailImporter(MailboxService mailboxes, MailIngestion ingestion, ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager, ImportWindow window) {
        this.window = window;
        this.mailboxes = mailboxes;
        this.ingestion = ingestion;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public static boolean isValidAddress(String address) {
        return address.length() <= 254 && ADDRESS.matcher(address.strip()).matches();
    }

    /** Files and directories (recursively; files that are not mail are skipped and listed in the summary). */
    public ImportSummary importPaths(Actor actor, String mailboxAddress, List<Path> paths, Progress progress) {
        var files = new ArrayList<ImportFile>();
        var skipped = new ArrayList<String>();
        for (var path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    for (var file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        if (MailFiles.isMail(file)) {
                            files.add(new ImportFile(file.toString(), new FileSystemResource(file)));
                        } else {
                            skipped.add(file.toString());
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                files.add(new ImportFile(path.toString(), new FileSystemResource(path)));
            }
        }
        var summary = importFiles(actor, mailboxAddress, files, progress);
        return new ImportSummary(summary.newMessages(), summary.duplicates(), summary.quarantined(), List.copyOf(skipped));
    }

    /** Each file is one message, or an mbox of many. */
    public ImportSummary importFiles(Actor actor, String mailboxAddress, List<ImportFile> files, Progress progress) {
        if (!isValidAddress(mailboxAddress)) {
            throw new IllegalArgumentException("not a mailbox address: " + mailboxAddress);
        }
        var mailbox = mailboxes.ensureMailbox(mailboxAddress);
        var counter = new Counter(mailbox.id(), progress);
        try (var importing = window.open()) {
            for (var file : files) {
                try (var in = new BufferedInputStream(file.content().getInputStream(), 1 << 16)) {
                    importFile(file.name(), in, counter);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read " + file.name(), e);
                }
            }
            counter.finish();
            ingestion.importEnded(counter.summary().newMessages());
        }
        var summary = counter.summary();
        transactions.executeWithoutResult(status -> events.publishEvent(new MailEvents.MailImported(actor, mailbox.id(),
                mailbox.address(), summary.newMessages(), summary.duplicates(), summary.quarantined())));
        return summary;
    }

    private void importFile(String name, BufferedInputStream in, Counter counter) throws IOException {
        in.mark(8192);
        var head = MailFiles.head(in);
        in.reset();
        if (MboxReader.looksLikeMbox(head)) {
            var position = new int[] {0};
            MboxReader.split(in, raw -> counter.ingest(name + "#" + (++position[0]), raw));
        } else {
            counter.ingest(name, readAll(in));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private final class Counter {

        private final long mailboxId;
        private final Progress progress;
        private int newMessages;
        private int duplicates;
        private int quarantined;
        private final List<IncomingMessage> batch = new ArrayList<>(BATCH);
        private long batchBytes;
        private final ArrayDeque<MailIngestion.PreparedBatch> inFlight = new ArrayDeque<>(IN_FLIGHT);

        Counter(long mailboxId, Progress progress) {
            this.mailboxId = mailboxId;
            this.progress = progress;
        }

        void ingest(String origin, byte[] raw) {
            batch.add(new IncomingMessage(IngestSource.imported(mailboxId, "import:" + origin), raw));
            batchBytes += raw.length;
            if (batch.size() >= BATCH || batchBytes >= BATCH_BYTES) {
                flush();
            }
        }

        /**
         * Starts preparing this batch (parsing, blobs) on the ingestion pool, then persists the oldest batch in
         * flight while that runs: reading, parsing and writing overlap, and batches are persisted in order.
         */
        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            inFlight.add(ingestion.prepare(List.copyOf(batch)));
            batch.clear();
            batchBytes = 0;
            if (inFlight.size() >= IN_FLIGHT) {
                persistOldest();
            }
        }

        /** Persists the batches still in flight, at the end of the import. */
        void finish() {
            flush();
            while (!inFlight.isEmpty()) {
                persistOldest();
            }
        }

        private void persistOldest() {
            for (var result : ingestion.persist(inFlight.remove())) {
                switch (result.outcome()) {
                    case NEW -> newMessages++;
                    case DUPLICATE -> duplicates++;
                    case QUARANTINED -> quarantined++;
                }
                progress.messageRead(summary());
            }
        }

        ImportSummary summary() {
            return new ImportSummary(newMessages, duplicates, quarantined, List.of());
        }
    }
}
