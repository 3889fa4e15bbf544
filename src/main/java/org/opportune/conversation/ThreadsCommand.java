package org.opportune.conversation;

import java.io.PrintStream;
import java.util.List;

import org.springframework.stereotype.Component;

import org.opportune.mail.MailboxService;
import org.opportune.shared.JarCommand;

/**
 * {@code threads --mailbox ADDRESS}: one line per conversation with messages in that mailbox, by
 * its first message: the conversation id, then the Message-IDs of its messages in date order
 * (as stored, without angle brackets), separated by tabs. For admins and tests who check how mail
 * was grouped.
 */
@Component
class ThreadsCommand implements JarCommand {

    static final String USAGE = "Usage: threads --mailbox ADDRESS";

    private final MailboxService mailboxes;
    private final ConversationService conversations;

    ThreadsCommand(MailboxService mailboxes, ConversationService conversations) {
        this.mailboxes = mailboxes;
        this.conversations = conversations;
    }

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public String summary() {
        return "threads --mailbox ADDRESS: print each conversation on a line: its id, then its messages' Message-IDs (without <>) in date order, tab-separated";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2 || !args.get(0).equals("--mailbox") || args.get(1).isBlank()) {
            err.println(USAGE);
            return 2;
        }
        var mailbox = mailboxes.findByAddress(args.get(1));
        if (mailbox.isEmpty()) {
            err.println("No mailbox with the address " + args.get(1) + ". " + USAGE);
            return 2;
        }
        for (var line : conversations.threadsOf(mailbox.get().id())) {
            out.println(line.conversationId() + "\t" + String.join("\t", line.messageIds()));
        }
        return 0;
    }
}
