package org.opportune.activity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical form of an entry and its hash. The canonical form is a JSON array of every content
 * field in a fixed order, with maps' keys sorted, so the same entry always hashes the same and no
 * field can bleed into the next.
 */
final class ActivityChain {

    static final String GENESIS = "0".repeat(64);

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ActivityChain() {
    }

    /** Databases keep microseconds; truncate before hashing so that what is stored is what was hashed. */
    static Instant storedTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static String json(Map<String, Object> values) {
        return JSON.writeValueAsString(new TreeMap<>(values));
    }

    static String hash(ActivityEntry entry) {
        var canonical = JSON.writeValueAsString(Arrays.asList(
                entry.id(),
                storedTime(entry.occurredAt()).toString(),
                entry.actorId(),
                entry.actorName(),
                entry.action(),
                entry.subjectType(),
                entry.subjectId(),
                entry.beforeJson(),
                entry.afterJson(),
                entry.origin(),
                entry.prevHash()));
        return sha256(canonical);
    }

    /** The problem with {@code entry} given the hash of the entry before it, or null when it is sound. */
    static @Nullable String problemWith(ActivityEntry entry, String expectedPrevHash, long expectedId) {
        if (entry.id() != expectedId) {
            return "entry " + expectedId + " is missing (the next entry is " + entry.id() + ")";
        }
        if (!entry.prevHash().equals(expectedPrevHash)) {
            return "its link to the previous entry does not match: an entry before it was changed, removed or inserted";
        }
        if (!hash(entry).equals(entry.hash())) {
            return "its content does not match its hash: the entry was changed";
        }
        return null;
    }

    private static String sha256(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
