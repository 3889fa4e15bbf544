package org.opportune.mail.internal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the parser could read from one raw message, cleaned for storage (no NULs, bounded lengths).
 *
 * @param messageId       Message-ID without angle brackets; synthesised when missing
 * @param dateHeader      the Date header as written (part of the fingerprint), empty when missing
 * @param bodyHash        SHA-256 of the body bytes, see {@link Fingerprint}
 * @param problems        what was wrong or left out; empty for a clean message
 */
record ParsedMessage(
        String messageId,
        boolean messageIdSynthesised,
        String subject,
        String fromAddress,
        @Nullable String fromName,
        List<Address> addresses,
        Instant sentAt,
        String dateHeader,
        @Nullable String inReplyTo,
        List<String> references,
        @Nullable String textBody,
        @Nullable String htmlBody,
        List<Attachment> attachments,
        String bodyHash,
        List<String> problems) {

    enum AddressKind { FROM, TO, CC, REPLY_TO }

    record Address(AddressKind kind, String address, @Nullable String name) {
    }

    record Attachment(String fileName, String contentType, byte[] content, @Nullable String contentId, boolean inline) {
    }

    String dedupeKey() {
        return Fingerprint.dedupeKey(messageId, fromAddress, dateHeader, subject, bodyHash);
    }

    List<String> participants() {
        return addresses.stream().map(Address::address).filter(a -> !a.isEmpty()).distinct().toList();
    }
}
