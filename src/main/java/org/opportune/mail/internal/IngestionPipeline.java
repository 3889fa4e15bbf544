package org.opportune.mail.internal;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.mail.IncomingMessage;
import org.opportune.mail.IngestResult;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailProperties;

/**
 * The ordered ingestion steps: known IMAP UID → store raw → size limits → parse → deduplicate →
 * store attachments → persist and publish. A message that a step rejects, or that makes a step fail,
 * is quarantined with the reason; only infrastructure failures (database or disk unavailable)
 * propagate, so that the caller retries later instead of parking good mail.
 *
 * <p>A batch ({@link #ingestAll}) runs the steps up to storing attachments in parallel, one message
 * per task on a pool of four threads a core, and then deduplicates and persists the whole batch in one transaction
 * ({@link BatchPersist}); when that fails, each message of the batch is persisted on its own.
 */
@Component
public class IngestionPipeline implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IngestionPipeline.class);

    private final List<IngestionStep> steps;
    private final List<IngestionStep> prepareSteps;
    private final List<IngestionStep> persistSteps;
    private final BatchPersist batchPersist;
    private final ExecutorService workers;
    private final BlobStore blobs;
    private final QuarantineStore quarantine;
    private final SearchIndexer searchIndexer;
    private final Clock clock;

    IngestionPipeline(BlobStore blobs, MessageStore messages, QuarantineStore quarantine, MailProperties limits,
            PlatformTransactionManager transactionManager, ApplicationEventPublisher events, SearchIndexer searchIndexer,
            Clock clock) {
        this.blobs = blobs;
        this.searchIndexer = searchIndexer;
        this.quarantine = quarantine;
        this.clock = clock;
        var transactions = new TransactionTemplate(transactionManager);
        this.steps = List.of(
                new KnownUidStep(messages),
                new StoreRawStep(blobs),
                new SizeLimitStep(limits),
                new ParseStep(new MessageParser(limits)),
                new DeduplicateStep(messages),
                new StoreAttachmentsStep(blobs),
                new PersistStep(messages, transactions, events, clock));
        this.prepareSteps = List.of(steps.get(0), steps.get(1), steps.get(2), steps.get(3), steps.get(5));
        this.persistSteps = List.of(steps.get(4), steps.get(6));
        this.batchPersist = new BatchPersist(messages, transactions, events, clock);
        // four threads a core: storing a blob waits for the disk (two fsyncs, 1-20 ms each on a busy disk) as
        // long as parsing computes; with more threads the waits overlap and the file system commits them together
        this.workers = Executors.newFixedThreadPool(4 * Math.max(1, Runtime.getRuntime().availableProcessors()), runnable -> {
            var thread = new Thread(runnable, "mail-ingestion");
            thread.setDaemon(true);
            return thread;
        });
    }

    public IngestResult ingest(IngestSource source, byte[] raw) {
        var ingestion = new Ingestion(source, raw, clock.instant());
        run(ingestion, steps);
        return finish(ingestion);
    }

    public List<IngestResult> ingestAll(List<IncomingMessage> batch) {
        return persistAll(prepareAll(batch));
    }

    /** A batch whose messages are being prepared (stored raw, parsed, attachments stored) on the pool. */
    public static final class Prepared {

        private final List<Ingestion> ingestions;
        private final List<Future<?>> futures;

        private Prepared(List<Ingestion> ingestions, List<Future<?>> futures) {
            this.ingestions = ingestions;
            this.futures = futures;
        }
    }

    /**
     * Starts the steps up to storing attachments for every message of the batch on the pool and
     * returns at once, so the caller can read the next batch, or persist the previous one, meanwhile.
     */
    public Prepared prepareAll(List<IncomingMessage> batch) {
        var receivedAt = clock.instant();
        var ingestions = batch.stream().map(m -> new Ingestion(m.source(), m.raw(), receivedAt)).toList();
        ingestions.forEach(ingestion -> ingestion.inBatch = true);
        var prepared = new ArrayList<CompletableFuture<?>>(ingestions.size() + 1);
        for (var ingestion : ingestions) {
            prepared.add(CompletableFuture.runAsync(() -> run(ingestion, prepareSteps), workers));
        }
        // then the batch's blobs are made durable, still on the pool, so that it overlaps the previous batch's transaction
        prepared.add(CompletableFuture.allOf(prepared.toArray(CompletableFuture[]::new))
                .thenComposeAsync(done -> syncBlobs(ingestions), workers));
        return new Prepared(ingestions, List.copyOf(prepared));
    }

    /** Waits for the batch's preparation, then deduplicates and persists it in one transaction. */
    public List<IngestResult> persistAll(Prepared batch) {
        var ingestions = batch.ingestions;
        for (var future : batch.futures) {
            await(future);
        }
        var pending = ingestions.stream().filter(i -> !i.finished()).toList();
        try {
            var results = batchPersist.persist(pending);
            for (int i = 0; i < pending.size(); i++) {
                pending.get(i).finish(results.get(i));
            }
            searchIndexer.nudge();
        } catch (RuntimeException e) {
            if (isInfrastructure(e)) {
                throw e;
            }
            // a concurrent ingest of the same message, or one message the database refuses: one by one
            log.debug("Persisting a batch of {} failed ({}); persisting its messages one by one", pending.size(), e.toString());
            for (var ingestion : pending) {
                ingestion.existingMessageId = null;
                run(ingestion, persistSteps);
            }
        }
        return ingestions.stream().map(this::finish).toList();
    }

    /** Before anything refers to them (a message row, a quarantine entry): the batch's new blobs, made durable together. */
    private CompletableFuture<Void> syncBlobs(List<Ingestion> ingestions) {
        var keys = new ArrayList<String>();
        for (var ingestion : ingestions) {
            if (ingestion.rawBlobKey != null) {
                keys.add(ingestion.rawBlobKey);
            }
            keys.addAll(ingestion.attachmentBlobKeys);
        }
        return CompletableFuture.runAsync(() -> blobs.sync(keys), workers);
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ingesting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void run(Ingestion ingestion, List<IngestionStep> steps) {
        var source = ingestion.source;
        for (var step : steps) {
            if (ingestion.finished()) {
                break;
            }
            try {
                step.apply(ingestion);
            } catch (RuntimeException e) {
                if (isInfrastructure(e)) {
                    throw e;
                }
                log.warn("Quarantining a message from {}: {} failed", source.origin(), step.getClass().getSimpleName(), e);
                ingestion.quarantine(reason(step, e));
            } catch (Exception | StackOverflowError e) {
                ingestion.quarantine(reason(step, e));
            }
        }
    }

    private IngestResult finish(Ingestion ingestion) {
        var source = ingestion.source;
        var raw = ingestion.raw;
        var result = ingestion.result();
        if (result == null) {
            throw new IllegalStateException("ingestion ended without a result");
        }
        if (result.outcome() == IngestResult.Outcome.QUARANTINED) {
            var reason = result.reason() == null ? "unknown" : result.reason();
            var blobKey = ingestion.rawBlobKey != null ? ingestion.rawBlobKey : blobs.put(raw);
            var id = quarantine.park(source, blobKey, raw.length, reason, ingestion.receivedAt);
            log.info("Quarantined a message from {} as #{}: {}", source.origin(), id, reason);
        }
        return result;
    }

    private static boolean isInfrastructure(RuntimeException e) {
        return e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                || e instanceof RecoverableDataAccessException || e instanceof UncheckedIOException;
    }

    private static String reason(IngestionStep step, Throwable e) {
        var what = step.getClass().getSimpleName().replace("Step", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return what + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
