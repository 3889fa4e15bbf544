package org.opportune.inbox;

import java.util.List;
import java.util.Map;

import org.opportune.mail.MailboxView;

/**
 * The reply form: what it holds, which mailbox it goes out from, the last message the writer had seen
 * (so a reply or a customer message that arrived meanwhile holds the send), and the form's errors.
 *
 * @param held whether sending was held because something new arrived since the writer started
 */
public record ReplyDraft(long mailboxId, List<MailboxView> mailboxes, String to, String cc, String subject, String text,
        long seenLastMessageId, boolean held, Map<String, String> errors) {

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.getOrDefault(field, "");
    }
}
