package org.opportune.mail.internal;

import java.nio.charset.StandardCharsets;

/**
 * What makes two deliveries "the same message". Copies of one message delivered to sales@ and to
 * info@ differ in their Received and Delivered-To headers, so the hash covers the body bytes (after
 * the header block, line endings normalised) plus Message-ID, From, Date and Subject.
 */
final class Fingerprint {

    private static final String SYNTHETIC_DOMAIN = "@opportune.invalid";

    private Fingerprint() {
    }

    /**
     * SHA-256 of the body: the bytes after the first empty line (the whole message when there is none), without
     * carriage returns and without trailing newlines, spaces and tabs. Hashed in place, a run between carriage
     * returns at a time.
     */
    static String bodyHash(byte[] raw) {
        int start = bodyStart(raw);
        int end = raw.length;
        while (end > start && isTrailing(raw[end - 1])) {
            end--;
        }
        var digest = Hashes.digest();
        int from = start;
        for (int i = start; i < end; i++) {
            if (raw[i] == '\r') {
                digest.update(raw, from, i - from);
                from = i + 1;
            }
        }
        digest.update(raw, from, end - from);
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    /** Trailing bytes the hash leaves out; carriage returns among them, as they are left out everywhere. */
    private static boolean isTrailing(byte b) {
        return b == '\n' || b == ' ' || b == '\t' || b == '\r';
    }

    static String dedupeKey(String messageId, String from, String date, String subject, String bodyHash) {
        return Hashes.sha256(String.join("\n", messageId, from, date, subject, bodyHash).getBytes(StandardCharsets.UTF_8));
    }

    /** A Message-ID for mail that has none: the same content always gets the same one. */
    static String syntheticMessageId(String from, String date, String subject, String bodyHash) {
        var hash = Hashes.sha256(String.join("\n", "synthetic", from, date, subject, bodyHash).getBytes(StandardCharsets.UTF_8));
        return hash.substring(0, 32) + SYNTHETIC_DOMAIN;
    }

    static int bodyStart(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '\n') {
                continue;
            }
            if (i + 1 < raw.length && raw[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < raw.length && raw[i + 1] == '\r' && raw[i + 2] == '\n') {
                return i + 3;
            }
        }
        return 0;
    }
}
