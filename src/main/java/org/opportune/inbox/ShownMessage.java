package org.opportune.inbox;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.opportune.mail.AttachmentView;
import org.opportune.mail.OutboxEntry;

/**
 * One message as the conversation page shows it.
 *
 * @param textParts the plain text cut into what was written and what was quoted, in order
 * @param hasHtml   whether the message has HTML, shown sanitised in a sandboxed frame
 * @param outbox    for a message we sent: whether it is queued, sent or failed (and why)
 */
public record ShownMessage(long id, String from, String fromAddress, String to, String sentAt, String sentAtIso,
        @Nullable String category, @Nullable String explanation, boolean fromUs, List<TextPart> textParts,
        boolean hasHtml, List<AttachmentView> attachments, @Nullable OutboxEntry outbox) {

    public String categoryLabel() {
        return category == null ? "" : Categories.label(category);
    }

    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " KB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** A run of lines: written by the sender, or quoted from earlier mail (collapsed on the page). */
    public record TextPart(String text, boolean quoted) {
    }
}
