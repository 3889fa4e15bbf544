package org.opportune.demo;

import java.util.List;
import java.util.Locale;

import org.opportune.mail.MailSecurity;
import org.opportune.mail.MailboxCommand;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;

/**
 * Connects the demo's shared addresses to the demo mail server, with sync on, so the seeded mail
 * flows into Opportune the way it would from a real server. The server is in memory and gets a new
 * password at each start, so the connection is refreshed every time; mail already stored is
 * recognised and not stored twice.
 */
class DemoMailboxes {

    private final MailboxService mailboxes;
    private final DemoMailServer server;

    DemoMailboxes(MailboxService mailboxes, DemoMailServer server) {
        this.mailboxes = mailboxes;
        this.server = server;
    }

    List<String> connect() {
        var addresses = List.copyOf(server.delivered().keySet());
        for (var address : addresses) {
            mailboxes.connect(Actor.system(), new MailboxCommand(displayName(address), address,
                    "127.0.0.1", server.imapPort(), MailSecurity.NONE, address, server.mailboxPassword(), List.of("INBOX"),
                    "127.0.0.1", server.smtpPort(), MailSecurity.NONE, address, server.mailboxPassword(), 30, true, "Sent"));
        }
        return addresses;
    }

    /** {@code sales@harbourlane.example} becomes "Sales". */
    static String displayName(String address) {
        var local = address.substring(0, address.indexOf('@'));
        return local.substring(0, 1).toUpperCase(Locale.ROOT) + local.substring(1);
    }
}
