package org.opportune;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

import org.opportune.shared.JarCommand;

/**
 * Starts Opportune: the web application by default, or one of the jar's commands.
 */
@SpringBootApplication
@EnableScheduling
public class OpportuneApplication {

    /** Every command of the jar, for {@code --help}; a test checks it against the command beans. */
    static final List<String[]> COMMANDS = List.of(
            new String[] {"(no command)", "run the web application at http://localhost:8080"},
            new String[] {"--demo", "run it with a built-in demo mail server, demo mail and demo users"},
            new String[] {"activity verify", "check the activity trail's hash chain; exit 1 when it is broken"},
            new String[] {"import", "import --mailbox ADDRESS PATH...: import .eml files, mbox files and directories; returns when the new messages are threaded"},
            new String[] {"threads", "threads --mailbox ADDRESS: print each conversation on a line: its id, then its messages' Message-IDs (without <>) in date order, tab-separated"},
            new String[] {"triage", "triage [--own-domain DOMAIN]... FILE.eml...: print FILE, category, confidence and explanation per file, tab-separated"},
            new String[] {"blobs gc", "blobs gc [--dry-run] [--grace 24h]: delete stored blobs (raw messages, attachments) that nothing references"},
            new String[] {"--help", "show this help"});

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(help());
            return;
        }
        if (args.length > 0 && !args[0].startsWith("-")) {
            if (!isKnownCommand(String.join(" ", args))) {
                System.err.println("Unknown command: " + String.join(" ", args) + System.lineSeparator() + System.lineSeparator() + help());
                System.exit(2);
            }
            System.exit(runCommand(args));
        }
        SpringApplication.run(OpportuneApplication.class, args);
    }

    static boolean isKnownCommand(String words) {
        return COMMANDS.stream().map(command -> command[0])
                .filter(name -> !name.startsWith("-") && !name.startsWith("("))
                .anyMatch(name -> words.equals(name) || words.startsWith(name + " "));
    }

    static String help() {
        var text = new StringBuilder("""
                Opportune: a shared inbox for sales work.

                Usage: java -jar opportune.jar [COMMAND] [OPTIONS]

                Commands:
                """);
        for (var command : COMMANDS) {
            text.append(String.format("  %-18s %s%n", command[0], command[1]));
        }
        text.append("""

                Configuration comes from environment variables such as OPPORTUNE_DATA_DIR,
                SPRING_PROFILES_ACTIVE=postgres and OPPORTUNE_DB_URL; see README.md.""");
        return text.toString();
    }

    private static int runCommand(String[] args) {
        var application = new SpringApplication(OpportuneApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles("command");
        try (ConfigurableApplicationContext context = application.run()) {
            var words = String.join(" ", args);
            for (var command : context.getBeansOfType(JarCommand.class).values()) {
                if (words.equals(command.name()) || words.startsWith(command.name() + " ")) {
                    var rest = Arrays.asList(args).subList(command.name().split(" ").length, args.length);
                    return command.run(rest, System.out, System.err);
                }
            }
            System.err.println("Unknown command: " + words + System.lineSeparator() + help());
            return 2;
        }
    }
}
