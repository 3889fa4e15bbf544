package org.opportune.mail;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a list row shows of a message: who sent it, when, the start of its text and whether it has files.
 *
 * @param snippet the first words of the plain text (or of the HTML's text), whitespace collapsed
 */
public record MessageSummary(long id, String fromAddress, @Nullable String fromName, Instant sentAt, String snippet,
        boolean hasAttachments) {
}
