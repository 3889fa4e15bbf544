package org.opportune.triage;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Everything the classifier looks at for one message.
 *
 * @param fromAddress     the sender's address, lower case (may be empty)
 * @param replyTo         the Reply-To address when it differs from the sender (web forms send as us, reply to them)
 * @param recipients      To and Cc addresses
 * @param textBody        the plain text body; the classifier strips quoted history and signatures itself
 * @param headers         header fields by lower-case name (List-Unsubscribe, List-Id, Precedence, Auto-Submitted,
 *                        X-Autoreply, X-Autorespond, Content-Type, Return-Path); others are ignored
 * @param ownDomains      our own mail domains, lower case
 * @param relationship    what the sender is to us, {@link Relationship#UNKNOWN} when not known
 * @param senderOverride  the category a person chose for every message of this sender, if any
 * @param attachmentNames file names of the attachments
 */
public record TriageInput(
        String fromAddress,
        @Nullable String fromName,
        @Nullable String replyTo,
        List<String> recipients,
        String subject,
        String textBody,
        Map<String, String> headers,
        Set<String> ownDomains,
        Relationship relationship,
        @Nullable Category senderOverride,
        List<String> attachmentNames) {

    public TriageInput {
        fromAddress = fromAddress.strip().toLowerCase(Locale.ROOT);
        replyTo = replyTo == null || replyTo.isBlank() ? null : replyTo.strip().toLowerCase(Locale.ROOT);
        recipients = List.copyOf(recipients);
        headers = Map.copyOf(headers);
        ownDomains = Set.copyOf(ownDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).toList());
        attachmentNames = List.copyOf(attachmentNames);
    }

    /** A message with just a sender, subject and body: for tests and previews. */
    public static TriageInput of(String fromAddress, String subject, String textBody, Set<String> ownDomains) {
        return new TriageInput(fromAddress, null, null, List.of(), subject, textBody, Map.of(), ownDomains,
                Relationship.UNKNOWN, null, List.of());
    }

    public TriageInput withHeaders(Map<String, String> headers) {
        return new TriageInput(fromAddress, fromName, replyTo, recipients, subject, textBody, headers, ownDomains,
                relationship, senderOverride, attachmentNames);
    }

    public TriageInput withRelationship(Relationship relationship) {
        return new TriageInput(fromAddress, fromName, replyTo, recipients, subject, textBody, headers, ownDomains,
                relationship, senderOverride, attachmentNames);
    }

    public TriageInput withSenderOverride(@Nullable Category senderOverride) {
        return new TriageInput(fromAddress, fromName, replyTo, recipients, subject, textBody, headers, ownDomains,
                relationship, senderOverride, attachmentNames);
    }

    public TriageInput withAttachments(List<String> attachmentNames) {
        return new TriageInput(fromAddress, fromName, replyTo, recipients, subject, textBody, headers, ownDomains,
                relationship, senderOverride, attachmentNames);
    }

    public TriageInput withReplyTo(@Nullable String replyTo) {
        return new TriageInput(fromAddress, fromName, replyTo, recipients, subject, textBody, headers, ownDomains,
                relationship, senderOverride, attachmentNames);
    }

    @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
