package org.opportune.mail.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds and removes orphan blobs: content in the blob store that no row references, such as the
 * blobs of a batch whose transaction never committed because the process died. Ingestion writes
 * blobs before the rows that reference them (so a row never points at a missing blob); the price is
 * that a crash can leave blobs behind, and this collects them.
 *
 * <p>A blob younger than the grace period is never touched, whether referenced or not: an import or
 * a sync may have written it and not committed its rows yet. Writing content that is already stored
 * refreshes its time ({@link BlobStore#put}), and the time is checked again right before deleting,
 * so a blob that an ingestion in flight reuses is kept. Safe to run on several nodes at once.
 *
 * <p>Every table that holds a blob key must be in {@link #REFERENCES}.
 */
public class BlobCollector {

    private static final Logger log = LoggerFactory.getLogger(BlobCollector.class);
    private static final int CHUNK = 500;
    /** Every column that references a blob; each has an index on it. */
    private static final String REFERENCES = """
            select raw_blob_key from messages where raw_blob_key in (:keys)
            union select blob_key from attachments where blob_key in (:keys)
            union select raw_blob_key from quarantined_messages where raw_blob_key in (:keys)
            union select raw_blob_key from outbox where raw_blob_key in (:keys)""";

    /** What a run found: blobs looked at (older than the grace period), orphans among them, and how many were deleted. */
    public record Result(long examined, long orphans, long deleted) {
    }

    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final Clock clock;

    public BlobCollector(JdbcClient jdbc, BlobStore blobs, Clock clock) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.clock = clock;
    }

    /**
     * Looks at every blob last written more than {@code grace} ago and deletes those no row references
     * (only counts them when {@code dryRun}).
     */
    public Result collect(Duration grace, boolean dryRun) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the grace period cannot be negative");
        }
        var cutoff = clock.instant().minus(grace);
        var counts = new long[3];
        var chunk = new ArrayList<String>(CHUNK);
        blobs.forEachWrittenBefore(cutoff, key -> {
            chunk.add(key);
            if (chunk.size() == CHUNK) {
                sweep(chunk, cutoff, dryRun, counts);
                chunk.clear();
            }
        });
        sweep(chunk, cutoff, dryRun, counts);
        var result = new Result(counts[0], counts[1], counts[2]);
        log.info("Orphan blobs (grace {}{}): {} examined, {} orphans, {} deleted", grace, dryRun ? ", dry run" : "",
                result.examined(), result.orphans(), result.deleted());
        return result;
    }

    private void sweep(List<String> keys, java.time.Instant cutoff, boolean dryRun, long[] counts) {
        if (keys.isEmpty()) {
            return;
        }
        counts[0] += keys.size();
        var referenced = new HashSet<>(jdbc.sql(REFERENCES).param("keys", keys).query(String.class).list());
        for (var key : keys) {
            if (referenced.contains(key)) {
                continue;
            }
            counts[1]++;
            if (!dryRun && blobs.deleteIfWrittenBefore(key, cutoff)) {
                counts[2]++;
            }
        }
    }
}
