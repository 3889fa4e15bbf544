package org.opportune.mail.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.apache.james.mime4j.MimeException;

import org.opportune.mail.MailProperties;

/**
 * For the import benchmark: reads an mbox and parses every message with the {@link MessageParser}
 * that ingestion uses (the fingerprint included), on one thread, storing nothing.
 */
public final class ParseOnly {

    /** Keeps the JIT from dropping the parsing as unused. */
    public static volatile long blackhole;

    private ParseOnly() {
    }

    /** @return how many messages parsed (those mime4j refused are counted too; they would be quarantined) */
    public static int parseMbox(Path mbox) throws IOException {
        var parser = new MessageParser(MailProperties.defaults());
        var received = Instant.now();
        var count = new int[1];
        long[] sink = new long[1];
        try (var in = new BufferedInputStream(Files.newInputStream(mbox), 1 << 16)) {
            MboxReader.split(in, raw -> {
                try {
                    var parsed = parser.parse(raw, received);
                    sink[0] += parsed.dedupeKey().hashCode();
                } catch (MimeException e) {
                    sink[0]++;
                }
                count[0]++;
            });
        }
        blackhole = sink[0];
        return count[0];
    }
}
