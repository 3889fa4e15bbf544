package org.opportune.inbox;

import org.jspecify.annotations.Nullable;

/**
 * One row of the inbox, ready to show.
 *
 * @param sender   the newest message's sender, by name where known
 * @param category the triage category's key ({@code buying_signal}), {@code null} before triage
 * @param age      how long ago the newest message came, short ("5 min", "3 d")
 */
public record InboxLine(long id, String subject, String sender, String senderAddress, @Nullable String company,
        String snippet, @Nullable String category, @Nullable String owner, @Nullable String stage, String age,
        String sentAt, boolean hasAttachments, boolean waitingOnUs, boolean archived, int messageCount) {

    public String categoryLabel() {
        return category == null ? "" : Categories.label(category);
    }
}
