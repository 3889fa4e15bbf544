package org.opportune.mail;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A stored message as other modules see it. HTML is as received: sanitising is the display's job.
 *
 * @param messageIdHeader Message-ID without angle brackets (synthesised when the mail had none)
 * @param addresses       From, To, Cc and Reply-To in header order
 * @param mailboxIds      every mailbox it arrived in
 * @param parseProblems   what the parser found broken or left out (the raw message has everything)
 */
public record MessageView(
        long id,
        String messageIdHeader,
        String subject,
        String fromAddress,
        @Nullable String fromName,
        List<MessageAddress> addresses,
        Instant sentAt,
        Instant receivedAt,
        @Nullable String inReplyTo,
        List<String> references,
        @Nullable String textBody,
        @Nullable String htmlBody,
        List<AttachmentView> attachments,
        List<Long> mailboxIds,
        long rawSize,
        List<String> parseProblems) {

    /** One address of a message; {@code kind} is FROM, TO, CC or REPLY_TO. */
    public record MessageAddress(String kind, String address, @Nullable String name) {
    }
}
