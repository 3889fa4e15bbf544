package org.opportune.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

import org.opportune.demo.DemoUsers.Status;

/**
 * Once the application is up: makes sure the demo users exist and prints how to use the demo. The
 * block goes to the console only, never to the log, because it can hold a password.
 */
class DemoStarter implements ApplicationRunner {

    private final DemoUsers users;
    private final DemoCustomers customers;
    private final DemoMailServer server;
    private final DemoMailboxes mailboxes;
    private final DemoOpportunities opportunities;
    private final DemoReplies replies;
    private final Environment environment;

    DemoStarter(DemoUsers users, DemoCustomers customers, DemoMailServer server, DemoMailboxes mailboxes,
            DemoOpportunities opportunities, DemoReplies replies,
            Environment environment) {
        this.replies = replies;
        this.users = users;
        this.customers = customers;
        this.server = server;
        this.mailboxes = mailboxes;
        this.opportunities = opportunities;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        print(System.out);
    }

    void print(PrintStream out) {
        var result = users.ensure();
        customers.ensure();
        mailboxes.connect();
        opportunities.ensureInBackground();
        replies.ensure(result.accounts().stream().filter(a -> a.status() != Status.NOT_A_DEMO_ACCOUNT)
                .map(DemoUsers.Account::user).toList());
        var port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        out.println(frame(lines(result, "http://localhost:" + port)));
        out.flush();
    }

    private List<String> lines(DemoUsers.Result result, String url) {
        var lines = new ArrayList<String>();
        lines.add("Opportune demo: " + url);
        lines.add("");
        lines.add("Sign in as:");
        for (var account : result.accounts()) {
            var user = account.user();
            lines.add(String.format("  %-7s %-16s %s%s", user.username(), user.displayName(), user.role().label(),
                    account.status() == Status.NOT_A_DEMO_ACCOUNT ? "  (not a demo account: left alone)" : ""));
        }
        lines.add("");
        lines.addAll(passwordLines(result));
        lines.add("");
        lines.add("Demo mail server on 127.0.0.1 (in memory, refilled at each start):");
        lines.add("  IMAP port " + server.imapPort() + ", SMTP port " + server.smtpPort());
        server.delivered().forEach((mailbox, count) ->
                lines.add("  login " + mailbox + "  (" + count + " messages in INBOX)"));
        lines.add("  mailbox password: " + (server.mailboxPasswordConfigured()
                ? "the value of OPPORTUNE_DEMO_PASSWORD" : server.mailboxPassword() + "  (new at each start)"));
        lines.add("  Opportune syncs both mailboxes (Admin > Mailboxes); send mail to them over SMTP");
        lines.add("  and it arrives within seconds.");
        return lines;
    }

    private static List<String> passwordLines(DemoUsers.Result result) {
        if (result.passwordConfigured()) {
            return List.of("Password: the value of OPPORTUNE_DEMO_PASSWORD");
        }
        if (result.generatedPassword() != null) {
            var created = result.accounts().stream().filter(a -> a.status() == Status.CREATED)
                    .map(a -> a.user().username()).toList();
            var lines = new ArrayList<String>();
            lines.add("Password: " + result.generatedPassword());
            lines.add("  shown only now; note it down" + (created.size() < result.accounts().size()
                    ? " (it is for " + String.join(", ", created) + ")" : "") + ".");
            lines.add("  Set OPPORTUNE_DEMO_PASSWORD to choose your own.");
            return lines;
        }
        return List.of("Password: printed when these users were created.",
                "  Forgot it? Start again with OPPORTUNE_DEMO_PASSWORD set to reset it.");
    }

    private static String frame(List<String> lines) {
        var width = lines.stream().mapToInt(String::length).max().orElse(0) + 2;
        var border = "+" + "-".repeat(width + 2) + "+";
        var framed = new StringBuilder(System.lineSeparator()).append(border).append(System.lineSeparator());
        for (var line : lines) {
            framed.append("|  ").append(line).append(" ".repeat(width - line.length())).append("|")
                    .append(System.lineSeparator());
        }
        return framed.append(border).toString();
    }
}
