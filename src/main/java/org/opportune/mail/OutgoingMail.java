package org.opportune.mail;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A reply or a new message to send from a shared mailbox, as the person wrote it. Headers are built
 * from these fields by Jakarta Mail, so nothing typed here can add a header.
 *
 * @param senderName  the name the customer sees, such as "Anna at Sales"; the address is the mailbox's
 * @param inReplyTo   the Message-ID (without angle brackets) of the message answered, if any
 * @param references  the thread's Message-IDs, oldest first, without angle brackets
 */
public record OutgoingMail(long mailboxId, String senderName, List<String> to, List<String> cc, String subject,
        String text, @Nullable String inReplyTo, List<String> references, List<Attachment> attachments) {

    public OutgoingMail {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        references = List.copyOf(references);
        attachments = List.copyOf(attachments);
    }

    /** A file to send along. */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }
}
