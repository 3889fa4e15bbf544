package org.opportune.mail.internal;

import java.io.InputStream;

/**
 * Content-addressed storage for raw messages and attachments: the key is the SHA-256 of the
 * content (64 lower-case hex digits), so storing the same bytes twice keeps one copy and a
 * repeated put after a crash is harmless.
 */
public interface BlobStore {

    /** Stores the content (if not there yet) and returns its key. */
    String put(byte[] content);

    /** The content of that key; {@link BlobNotFoundException} when there is none. */
    InputStream open(String key);

    boolean exists(String key);

    /** A key that could never name a file outside the store. */
    static boolean isValidKey(String key) {
        return key.matches("[0-9a-f]{64}");
    }
}
