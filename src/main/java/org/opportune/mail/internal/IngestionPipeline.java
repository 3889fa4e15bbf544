package org.opportune.mail.internal;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.mail.IngestResult;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailProperties;

/**
 * The ordered ingestion steps: known IMAP UID → store raw → size limits → parse → deduplicate →
 * store attachments → persist and publish. A message that a step rejects, or that makes a step fail,
 * is quarantined with the reason; only infrastructure failures (database or disk unavailable)
 * propagate, so that the caller retries later instead of parking good mail.
 */
@Component
public class IngestionPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestionPipeline.class);

    private final List<IngestionStep> steps;
    private final BlobStore blobs;
    private final QuarantineStore quarantine;
    private final Clock clock;

    IngestionPipeline(BlobStore blobs, MessageStore messages, QuarantineStore quarantine, MailProperties limits,
            PlatformTransactionManager transactionManager, ApplicationEventPublisher events, Clock clock) {
        this.blobs = blobs;
        this.quarantine = quarantine;
        this.clock = clock;
        this.steps = List.of(
                new KnownUidStep(messages),
                new StoreRawStep(blobs),
                new SizeLimitStep(limits),
                new ParseStep(new MessageParser(limits)),
                new DeduplicateStep(messages),
                new StoreAttachmentsStep(blobs),
                new PersistStep(messages, new TransactionTemplate(transactionManager), events, clock));
    }

    public IngestResult ingest(IngestSource source, byte[] raw) {
        var ingestion = new Ingestion(source, raw, clock.instant());
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
