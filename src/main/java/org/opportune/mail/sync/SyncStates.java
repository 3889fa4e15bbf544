package org.opportune.mail.sync;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.mail.MailboxStatus.FolderStatus;

/**
 * The {@code mailbox_sync_state} rows: UIDVALIDITY and last UID per folder, plus the status admins
 * see. Only the node holding the mailbox's lease writes them.
 */
public final class SyncStates {

    private static final int MAX_ERROR = 1000;

    private final JdbcClient jdbc;

    public SyncStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a folder's sync stands. */
    public record Position(@Nullable Long uidValidity, long lastUid) {
    }

    public Optional<Position> position(long mailboxId, String folder) {
        return jdbc.sql("select uid_validity, last_uid from mailbox_sync_state where mailbox_id = :id and folder = :folder")
                .param("id", mailboxId).param("folder", folder)
                .query((rs, n) -> new Position(rs.getObject("uid_validity") == null ? null : rs.getLong("uid_validity"),
                        rs.getLong("last_uid")))
                .optional();
    }

    /** A new UIDVALIDITY: start again from UID 1 (ingestion recognises what is already stored). */
    public void resetTo(long mailboxId, String folder, long uidValidity, Instant now) {
        ensureRow(mailboxId, folder, now);
        jdbc.sql("""
                        update mailbox_sync_state set uid_validity = :uidValidity, last_uid = 0, updated_at = :now
                        where mailbox_id = :id and folder = :folder
                        """)
                .param("uidValidity", uidValidity).param("now", ts(now)).param("id", mailboxId).param("folder", folder)
                .update();
    }

    /** One more message handled: resume after it if the process stops now. */
    public void advance(long mailboxId, String folder, long uid, Instant now) {
        jdbc.sql("""
                        update mailbox_sync_state set last_uid = :uid, messages_seen = messages_seen + 1, updated_at = :now
                        where mailbox_id = :id and folder = :folder and last_uid < :uid
                        """)
                .param("uid", uid).param("now", ts(now)).param("id", mailboxId).param("folder", folder)
                .update();
    }

    public void state(long mailboxId, String folder, SyncState state, Instant now) {
        ensureRow(mailboxId, folder, now);
        jdbc.sql("update mailbox_sync_state set state = :state, updated_at = :now where mailbox_id = :id and folder = :folder")
                .param("state", state.name()).param("now", ts(now)).param("id", mailboxId).param("folder", folder)
                .update();
    }

    /** A folder is up to date: the error is cleared. */
    public void succeeded(long mailboxId, String folder, SyncState state, Instant now) {
        ensureRow(mailboxId, folder, now);
        jdbc.sql("""
                        update mailbox_sync_state set state = :state, last_success_at = :now, last_error = null, updated_at = :now
                        where mailbox_id = :id and folder = :folder
                        """)
                .param("state", state.name()).param("now", ts(now)).param("id", mailboxId).param("folder", folder)
                .update();
    }

    public void failed(long mailboxId, String folder, String error, Instant now) {
        ensureRow(mailboxId, folder, now);
        jdbc.sql("""
                        update mailbox_sync_state set state = 'BACKOFF', last_error = :error, updated_at = :now
                        where mailbox_id = :id and folder = :folder
                        """)
                .param("error", error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error)
                .param("now", ts(now)).param("id", mailboxId).param("folder", folder)
                .update();
    }

    /** Sync was turned off: every folder of the mailbox shows it. */
    public void disabled(long mailboxId, Instant now) {
        jdbc.sql("update mailbox_sync_state set state = 'DISABLED', updated_at = :now where mailbox_id = :id")
                .param("now", ts(now)).param("id", mailboxId).update();
    }

    /** The folders' status of each mailbox, by mailbox id. */
    public Map<Long, List<FolderStatus>> statuses(Collection<Long> mailboxIds) {
        if (mailboxIds.isEmpty()) {
            return Map.of();
        }
        record Row(long mailboxId, FolderStatus status) {
        }
        return jdbc.sql("""
                        select mailbox_id, folder, state, uid_validity, last_uid, last_success_at, last_error, messages_seen
                        from mailbox_sync_state where mailbox_id in (:ids) order by mailbox_id, folder
                        """)
                .param("ids", mailboxIds)
                .query((rs, n) -> new Row(rs.getLong("mailbox_id"), new FolderStatus(rs.getString("folder"),
                        rs.getString("state"), rs.getObject("uid_validity") == null ? null : rs.getLong("uid_validity"),
                        rs.getLong("last_uid"), instant(rs.getObject("last_success_at", OffsetDateTime.class)),
                        rs.getString("last_error"), rs.getLong("messages_seen"))))
                .list().stream()
                .collect(Collectors.groupingBy(Row::mailboxId, Collectors.mapping(Row::status, Collectors.toList())));
    }

    private void ensureRow(long mailboxId, String folder, Instant now) {
        var exists = jdbc.sql("select count(*) from mailbox_sync_state where mailbox_id = :id and folder = :folder")
                .param("id", mailboxId).param("folder", folder).query(Long.class).single() > 0;
        if (!exists) {
            try {
                jdbc.sql("""
                                insert into mailbox_sync_state (mailbox_id, folder, uid_validity, last_uid, state, messages_seen, updated_at)
                                values (:id, :folder, null, 0, 'SYNCING', 0, :now)
                                """)
                        .param("id", mailboxId).param("folder", folder).param("now", ts(now)).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // a previous lease holder wrote it a moment ago
            }
        }
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
