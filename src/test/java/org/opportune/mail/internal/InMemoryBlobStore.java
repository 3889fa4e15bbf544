package org.opportune.mail.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** A {@link BlobStore} in memory, for unit tests. */
class InMemoryBlobStore implements BlobStore {

    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, Instant> written = new ConcurrentHashMap<>();

    @Override
    public String put(byte[] content) {
        var key = Hashes.sha256(content);
        blobs.putIfAbsent(key, content.clone());
        written.put(key, Instant.now());
        return key;
    }

    @Override
    public void forEachWrittenBefore(Instant cutoff, Consumer<String> action) {
        written.forEach((key, at) -> {
            if (at.isBefore(cutoff)) {
                action.accept(key);
            }
        });
    }

    @Override
    public synchronized boolean deleteIfWrittenBefore(String key, Instant cutoff) {
        var at = written.get(key);
        if (at == null || !at.isBefore(cutoff)) {
            return false;
        }
        written.remove(key);
        return blobs.remove(key) != null;
    }

    @Override
    public InputStream open(String key) {
        var content = blobs.get(key);
        if (content == null) {
            throw BlobNotFoundException.forKey(key);
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public boolean exists(String key) {
        return blobs.containsKey(key);
    }
}
