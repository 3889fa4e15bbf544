package org.opportune.mail;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

import org.opportune.mail.internal.BlobCollector;
import org.opportune.shared.JarCommand;

/**
 * {@code blobs gc [--dry-run] [--grace DURATION]}: deletes blobs that no row references and that were
 * written longer ago than the grace period ({@code opportune.mail.blob-gc.grace}, 24h by default).
 * The last line is {@code examined N, orphans O, deleted D}; exit 2 for usage errors.
 */
@Component
class BlobsGcCommand implements JarCommand {

    static final String USAGE = "Usage: java -jar opportune.jar blobs gc [--dry-run] [--grace DURATION, e.g. 24h]";

    private final BlobCollector collector;
    private final BlobGcProperties properties;

    BlobsGcCommand(BlobCollector collector, BlobGcProperties properties) {
        this.collector = collector;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "blobs gc";
    }

    @Override
    public String summary() {
        return "blobs gc [--dry-run] [--grace 24h]: delete stored blobs (raw messages, attachments) that nothing references";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        var dryRun = false;
        var grace = properties.grace();
        for (int i = 0; i < args.size(); i++) {
            var arg = args.get(i);
            if (arg.equals("--dry-run")) {
                dryRun = true;
            } else if (arg.equals("--grace") && i + 1 < args.size()) {
                try {
                    grace = DurationStyle.detectAndParse(args.get(++i));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    err.println("Not a duration: " + args.get(i));
                    err.println(USAGE);
                    return 2;
                }
                if (grace.isNegative()) {
                    err.println("The grace period cannot be negative.");
                    return 2;
                }
            } else {
                err.println("Unknown argument: " + arg);
                err.println(USAGE);
                return 2;
            }
        }
        var result = collector.collect(grace, dryRun);
        out.println((dryRun ? "dry run, " : "") + "examined " + result.examined() + ", orphans " + result.orphans()
                + ", deleted " + result.deleted());
        return 0;
    }
}
