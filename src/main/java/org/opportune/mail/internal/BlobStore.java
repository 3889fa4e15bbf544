package org.opportune.mail.internal;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Content-addressed storage for raw messages and attachments: the key is the SHA-256 of the
 * content (64 lower-case hex digits), so storing the same bytes twice keeps one copy and a
 * repeated put after a crash is harmless.
 */
public interface BlobStore {

    /**
     * Stores the content (if not there yet) and returns its key. Storing content that is already
     * there counts as writing it now, so the orphan collector's grace period starts again.
     */
    String put(byte[] content);

    /**
     * {@link #put}, except that the new blob need not be durable yet when this returns: only after {@link #sync}
     * with its key. For a batch of blobs that must all be durable before one database commit: the store can
     * then make them durable together (one file system sync) instead of one by one while the others wait.
     */
    default String putSyncingLater(byte[] content) {
        return put(content);
    }

    /** Makes these blobs (stored with {@link #putSyncingLater}), their content and their names, durable. */
    default void sync(Collection<String> keys) {
    }

    /** The content of that key; {@link BlobNotFoundException} when there is none. */
    InputStream open(String key);

    boolean exists(String key);

    /** Calls {@code action} with the key of every blob last written before {@code cutoff}, in no particular order. */
    void forEachWrittenBefore(Instant cutoff, Consumer<String> action);

    /**
     * Deletes the blob if it was last written before {@code cutoff}, checked again just before deleting,
     * so a blob written again meanwhile (a new import of the same bytes) stays.
     *
     * @return whether it was deleted
     */
    boolean deleteIfWrittenBefore(String key, Instant cutoff);

    /** A key that could never name a file outside the store. */
    static boolean isValidKey(String key) {
        return key.matches("[0-9a-f]{64}");
    }
}
