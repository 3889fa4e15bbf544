package org.opportune.triage;

import java.util.List;

/**
 * What an edited rule set would change on the latest stored messages, computed without saving anything.
 *
 * @param examined   how many messages were classified with both rule sets
 * @param overridden how many were left out because a person chose their category
 * @param changes    the messages whose category would change: from the current rules' answer to the edited one's
 */
public record TriageRulePreview(int examined, int overridden, List<Change> changes) {

    public record Change(long messageId, String subject, String fromAddress, Category from, Category to, String explanation) {
    }
}
