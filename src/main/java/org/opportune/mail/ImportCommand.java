package org.opportune.mail;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import org.opportune.mail.internal.PublicationBacklog;
import org.opportune.shared.Actor;
import org.opportune.shared.JarCommand;

/**
 * {@code import --mailbox ADDRESS PATH...}: imports .eml files, directories and mbox files. Progress
 * goes to stderr (one updating line on a terminal); the last line on stdout is always the summary.
 * Exit 0 when it ran (also with quarantined messages), 2 for usage errors, 1 when it had to stop.
 *
 * <p>Before it prints the summary it waits until the listeners of what it published (threading of the
 * new messages) have run, so {@code threads --mailbox} right after an import sees every message. The
 * wait ends when none has completed for {@link #STALL}; what is left is delivered at the next start.
 */
@Component
class ImportCommand implements JarCommand {

    static final String USAGE = "Usage: java -jar opportune.jar import --mailbox ADDRESS PATH...";
    private static final int PROGRESS_EVERY = 500;
    /** The wait ends when no listener has finished anything for this long (on a busy machine H2 can pause a while). */
    static final Duration STALL = Duration.ofMinutes(2);

    private final MailImporter importer;
    private final PublicationBacklog backlog;

    ImportCommand(MailImporter importer, PublicationBacklog backlog) {
        this.importer = importer;
        this.backlog = backlog;
    }

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "import --mailbox ADDRESS PATH...: import .eml files, mbox files and directories; returns when the new messages are threaded";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String mailbox = null;
        var paths = new ArrayList<Path>();
        for (int i = 0; i < args.size(); i++) {
            var arg = args.get(i);
            if (arg.equals("--mailbox") && i + 1 < args.size()) {
                mailbox = args.get(++i);
            } else if (arg.startsWith("--mailbox=")) {
                mailbox = arg.substring("--mailbox=".length());
            } else if (arg.startsWith("--")) {
                return usage(err, "Unknown option " + arg + ".");
            } else {
                paths.add(Path.of(arg));
            }
        }
        if (mailbox == null) {
            return usage(err, "Say which mailbox to import into with --mailbox ADDRESS.");
        }
        if (!MailImporter.isValidAddress(mailbox)) {
            return usage(err, "\"" + mailbox + "\" is not a mailbox address such as sales@example.com.");
        }
        if (paths.isEmpty()) {
            return usage(err, "Name at least one .eml file, mbox file or directory to import.");
        }
        for (var path : paths) {
            if (!Files.exists(path)) {
                return usage(err, "No such file or directory: " + path);
            }
        }
        var terminal = System.console() != null;
        try {
            var summary = importer.importPaths(Actor.system(), mailbox, paths, soFar -> progress(soFar, terminal, err));
            if (terminal) {
                err.print("\r\033[K");
            }
            if (!summary.skippedFiles().isEmpty()) {
                err.println("skipped " + summary.skippedFiles().size() + " files that are not mail (for example "
                        + summary.skippedFiles().get(0) + ")");
            }
            var left = backlog.await(STALL, outstanding -> threading(outstanding, terminal, err));
            if (terminal) {
                err.print("\r\033[K");
            }
            if (left > 0) {
                err.println(left + " messages are not threaded yet; that continues when the app starts");
            }
            if (summary.quarantined() > 0) {
                err.println(summary.quarantined() + " messages are quarantined: see Admin → Quarantine");
            }
            out.println(summary.line());
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            err.println();
            err.println("The import stopped: " + e.getMessage());
            err.println("Run it again when the cause is fixed; what was imported is not imported twice.");
            return 1;
        }
    }

    private static void progress(ImportSummary soFar, boolean terminal, PrintStream err) {
        if (terminal && soFar.read() % 10 == 0) {
            err.print("\r" + soFar.read() + " messages read: " + soFar.line());
            err.flush();
        } else if (!terminal && soFar.read() % PROGRESS_EVERY == 0) {
            err.println(soFar.read() + " messages read: " + soFar.line());
        }
    }

    private static void threading(long outstanding, boolean terminal, PrintStream err) {
        if (terminal) {
            err.print("\rthreading: " + outstanding + " to go\033[K");
            err.flush();
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println(USAGE);
        return 2;
    }
}
