package org.opportune.mail;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a mailbox's sync is doing, for admins: the state (IDLE, POLLING, SYNCING, BACKOFF, DISABLED,
 * or STARTING before the first attempt), the last successful sync, the last error and how many
 * messages were fetched, summed over its folders.
 */
public record MailboxStatus(String state, @Nullable Instant lastSuccessAt, @Nullable String lastError, long messagesSeen,
        List<FolderStatus> folders) {

    public record FolderStatus(String folder, String state, @Nullable Long uidValidity, long lastUid,
            @Nullable Instant lastSuccessAt, @Nullable String lastError, long messagesSeen) {
    }

    static MailboxStatus of(boolean syncEnabled, List<FolderStatus> folders) {
        if (!syncEnabled) {
            return summarise("DISABLED", folders);
        }
        if (folders.isEmpty()) {
            return summarise("STARTING", folders);
        }
        var order = List.of("BACKOFF", "SYNCING", "POLLING", "IDLE");
        var state = folders.stream().map(FolderStatus::state)
                .min(Comparator.comparingInt(s -> order.contains(s) ? order.indexOf(s) : order.size()))
                .orElse("STARTING");
        return summarise(state, folders);
    }

    private static MailboxStatus summarise(String state, List<FolderStatus> folders) {
        var lastSuccess = folders.stream().map(FolderStatus::lastSuccessAt).filter(java.util.Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        var lastError = folders.stream().map(FolderStatus::lastError).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        var seen = folders.stream().mapToLong(FolderStatus::messagesSeen).sum();
        return new MailboxStatus(state, lastSuccess, lastError, seen, folders);
    }
}
