package org.opportune.mail;

import org.jspecify.annotations.Nullable;

/**
 * What ingesting one raw message did.
 *
 * @param outcome   stored as new, recognised as a duplicate (and linked to this mailbox), or quarantined
 * @param messageId the stored message's id (null when quarantined)
 * @param reason    why it was quarantined (null otherwise)
 */
public record IngestResult(Outcome outcome, @Nullable Long messageId, @Nullable String reason) {

    public enum Outcome { NEW, DUPLICATE, QUARANTINED }
}
