package org.opportune.mail.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link BlobStore} in memory, for unit tests. */
class InMemoryBlobStore implements BlobStore {

    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public String put(byte[] content) {
        var key = Hashes.sha256(content);
        blobs.putIfAbsent(key, content.clone());
        return key;
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
