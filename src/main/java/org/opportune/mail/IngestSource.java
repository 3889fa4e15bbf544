package org.opportune.mail;

import org.jspecify.annotations.Nullable;

/**
 * Where a raw message came from. From IMAP: the mailbox, folder, UIDVALIDITY and UID, which make a
 * refetch a no-op. From an import: {@code uid} is null and only the content decides about duplicates.
 *
 * @param origin a human-readable origin for quarantine and logs, such as a file path or {@code imap:INBOX/42}
 */
public record IngestSource(long mailboxId, String folder, long uidValidity, @Nullable Long uid, String origin) {

    public static IngestSource imap(long mailboxId, String folder, long uidValidity, long uid) {
        return new IngestSource(mailboxId, folder, uidValidity, uid, "imap:" + folder + "/" + uidValidity + "/" + uid);
    }

    public static IngestSource imported(long mailboxId, String origin) {
        return new IngestSource(mailboxId, "import", 0, null, origin);
    }
}
