package org.opportune.inbox;

import java.util.List;
import java.util.Map;

import org.opportune.compose.ReplyTemplateView;

/**
 * What the reply form offers besides the draft: the signature block per mailbox (switching the From
 * mailbox swaps it), the team's templates, and how much may be attached.
 */
public record ReplyTools(Map<Long, String> signatures, List<ReplyTemplateView> templates, String maxAttachments,
        Map<Long, String> senderNames) {

    /** The name the customer will see on a reply from this mailbox, such as "Anna at Sales". */
    public String senderName(long mailboxId) {
        return senderNames.getOrDefault(mailboxId, "");
    }

    public String signature(long mailboxId) {
        return signatures.getOrDefault(mailboxId, "");
    }

    static ReplyTools none() {
        return new ReplyTools(Map.of(), List.of(), "", Map.of());
    }
}
