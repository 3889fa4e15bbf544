package org.opportune.compose;

import java.util.List;
import java.util.Map;

import org.opportune.mail.MailboxView;

/**
 * One person's signatures, as the account page shows them.
 *
 * @param personal   the default for every mailbox, empty when there is none
 * @param perMailbox mailbox id → the person's signature for that mailbox (it wins over the default)
 * @param footers    mailbox id → the footer an admin set for the mailbox (it goes under every signature)
 */
public record Signatures(String personal, Map<Long, String> perMailbox, Map<Long, String> footers,
        List<MailboxView> mailboxes) {

    public String forMailbox(long mailboxId) {
        return perMailbox.getOrDefault(mailboxId, "");
    }

    public String footer(long mailboxId) {
        return footers.getOrDefault(mailboxId, "");
    }
}
