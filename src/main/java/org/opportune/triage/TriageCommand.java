package org.opportune.triage;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import org.opportune.mail.MailMessages;
import org.opportune.shared.JarCommand;

/**
 * {@code triage [--own-domain DOMAIN]... FILE.eml...}: classifies .eml files without storing them and
 * prints one line per file: the file, the category, the confidence (two decimals) and the explanation,
 * tab-separated. Our own domains are the given ones plus those of the shared mailboxes. A file that
 * cannot be read gets the category {@code error} and the reason; the exit code is 1 then.
 */
@Component
class TriageCommand implements JarCommand {

    static final String USAGE = "Usage: triage [--own-domain DOMAIN]... FILE.eml...";

    private final TriageService triage;
    private final MailMessages messages;

    TriageCommand(TriageService triage, MailMessages messages) {
        this.triage = triage;
        this.messages = messages;
    }

    @Override
    public String name() {
        return "triage";
    }

    @Override
    public String summary() {
        return "triage [--own-domain DOMAIN]... FILE.eml...: print FILE, category, confidence and explanation per file, tab-separated";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        var domains = new LinkedHashSet<String>();
        var files = new ArrayList<String>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--own-domain")) {
                if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                    err.println("--own-domain needs a domain. " + USAGE);
                    return 2;
                }
                domains.add(args.get(++i).toLowerCase(Locale.ROOT));
            } else {
                files.add(args.get(i));
            }
        }
        if (files.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        var own = triage.ownDomains(domains);
        var failed = false;
        for (var file : files) {
            try {
                var result = triage.classify(messages.parse(Files.readAllBytes(Path.of(file))), own);
                out.println(line(file, result.category().label(), String.format(Locale.ROOT, "%.2f", result.confidence()),
                        result.explanation()));
            } catch (IOException | RuntimeException e) {
                failed = true;
                out.println(line(file, "error", "0.00", reason(e)));
            }
        }
        return failed ? 1 : 0;
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "not readable (access denied)";
        }
        if (e instanceof IOException && Files.isDirectory(Path.of(e.getMessage() == null ? "" : e.getMessage()))) {
            return "is a directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String line(String... fields) {
        var clean = new ArrayList<String>();
        for (var field : fields) {
            clean.add(field.replaceAll("[\\t\\r\\n]+", " ").strip());
        }
        return String.join("\t", clean);
    }
}
