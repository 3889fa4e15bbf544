package org.opportune.mail;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A message was stored for the first time. Published inside the ingestion transaction and kept by the
 * event publication registry, so a listener that had not run at a crash runs after restart.
 *
 * @param messageId       the stored message's id
 * @param messageIdHeader its Message-ID without angle brackets (synthesised and stable when the mail had none)
 * @param inReplyTo       the first Message-ID of In-Reply-To, without angle brackets
 * @param references      the References Message-IDs in order, without angle brackets
 * @param fromAddress     the sender's address, lower case (empty when unparseable)
 * @param participants    every address in From, To, Cc and Reply-To, lower case
 * @param sentAt          the Date header, or the time it was received when that is missing or broken
 * @param mailboxId       the mailbox it first arrived in
 */
public record MessageReceived(
        long messageId,
        String messageIdHeader,
        @Nullable String inReplyTo,
        List<String> references,
        String subject,
        String fromAddress,
        @Nullable String fromName,
        List<String> participants,
        Instant sentAt,
        long mailboxId) {
}
