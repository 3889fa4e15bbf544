package org.opportune.mail.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import org.opportune.mail.IngestSource;

/** Quarantined messages: parked raw messages with their reason, until an admin retries or resolves them. */
@Repository
public class QuarantineStore {

    public enum Status { OPEN, RETRIED, RESOLVED, DISMISSED }

    /** A quarantine row as stored. */
    public record Row(long id, long mailboxId, String mailboxAddress, String folder, long uidValidity, @Nullable Long uid,
            String origin, String rawBlobKey, long rawSize, String reason, Instant quarantinedAt, Status status,
            @Nullable Long resolvedMessageId, @Nullable String dismissReason, @Nullable String dismissedBy,
            @Nullable Instant dismissedAt) {

        public IngestSource source() {
            return new IngestSource(mailboxId, folder, uidValidity, uid, origin);
        }
    }

    private static final String SELECT = """
            select q.id, q.mailbox_id, m.address, q.folder, q.uid_validity, q.uid, q.origin, q.raw_blob_key, q.raw_size,
                   q.reason, q.quarantined_at, q.status, q.resolved_message_id, q.dismiss_reason, q.dismissed_by,
                   q.dismissed_at
            from quarantined_messages q join mailboxes m on m.id = q.mailbox_id
            """;

    private final JdbcClient jdbc;

    QuarantineStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Parks a message; the same raw message for the same mailbox that is still open, or was dismissed,
     * is parked once (its reason updated, a dismissal kept), so an import run twice does not fill the
     * list with copies nor bring back what an admin dismissed.
     */
    public long park(IngestSource source, String rawBlobKey, long rawSize, String reason, Instant at) {
        var cleanReason = Texts.truncate(Texts.oneLine(reason), 2000);
        var open = jdbc.sql("""
                        select id from quarantined_messages
                        where raw_blob_key = :blob and mailbox_id = :mailbox and status in ('OPEN', 'DISMISSED')
                        """)
                .param("blob", rawBlobKey).param("mailbox", source.mailboxId())
                .query(Long.class).list();
        if (!open.isEmpty()) {
            jdbc.sql("update quarantined_messages set reason = :reason where id = :id")
                    .param("reason", cleanReason).param("id", open.get(0)).update();
            return open.get(0);
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into quarantined_messages (mailbox_id, folder, uid_validity, uid, origin, raw_blob_key, raw_size,
                            reason, quarantined_at, status)
                        values (:mailbox, :folder, :uidValidity, :uid, :origin, :blob, :size, :reason, :at, 'OPEN')
                        """)
                .param("mailbox", source.mailboxId())
                .param("folder", Texts.truncate(source.folder(), 255))
                .param("uidValidity", source.uidValidity())
                .param("uid", source.uid())
                .param("origin", Texts.truncate(Texts.oneLine(source.origin()), 1000))
                .param("blob", rawBlobKey)
                .param("size", rawSize)
                .param("reason", cleanReason)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    public Optional<Row> find(long id) {
        return jdbc.sql(SELECT + " where q.id = :id").param("id", id).query(QuarantineStore::row).optional();
    }

    /** Open ones first, then dismissed ones, then the rest; newest first. */
    public List<Row> list(int limit) {
        return jdbc.sql(SELECT + """
                         order by case q.status when 'OPEN' then 0 when 'DISMISSED' then 1 else 2 end,
                                  q.quarantined_at desc, q.id desc
                        limit :limit
                        """)
                .param("limit", limit).query(QuarantineStore::row).list();
    }

    public void markRetried(long id, long messageId, Instant at) {
        jdbc.sql("""
                        update quarantined_messages set status = 'RETRIED', resolved_message_id = :message, resolved_at = :at
                        where id = :id
                        """)
                .param("message", messageId).param("at", at.atOffset(ZoneOffset.UTC)).param("id", id).update();
    }

    public long countOpen() {
        return jdbc.sql("select count(*) from quarantined_messages where status = 'OPEN'").query(Long.class).single();
    }

    /** Sets an open message aside; false when it is not open (any more). */
    public boolean dismiss(long id, String reason, String by, Instant at) {
        return jdbc.sql("""
                        update quarantined_messages set status = 'DISMISSED', dismiss_reason = :reason, dismissed_by = :by,
                            dismissed_at = :at
                        where id = :id and status = 'OPEN'
                        """)
                .param("reason", Texts.truncate(Texts.oneLine(reason), 500))
                .param("by", Texts.truncate(by, 100))
                .param("at", at.atOffset(ZoneOffset.UTC))
                .param("id", id)
                .update() == 1;
    }

    /** Undoes a dismissal; false when the message is not dismissed (any more). */
    public boolean reopen(long id) {
        return jdbc.sql("""
                        update quarantined_messages set status = 'OPEN', dismiss_reason = null, dismissed_by = null,
                            dismissed_at = null
                        where id = :id and status = 'DISMISSED'
                        """)
                .param("id", id)
                .update() == 1;
    }

    private static Row row(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
        var uid = rs.getObject("uid", Long.class);
        var resolved = rs.getObject("resolved_message_id", Long.class);
        var dismissedAt = rs.getObject("dismissed_at", OffsetDateTime.class);
        return new Row(rs.getLong("id"), rs.getLong("mailbox_id"), rs.getString("address"), rs.getString("folder"),
                rs.getLong("uid_validity"), uid, rs.getString("origin"), rs.getString("raw_blob_key"),
                rs.getLong("raw_size"), rs.getString("reason"),
                rs.getObject("quarantined_at", OffsetDateTime.class).toInstant(),
                Status.valueOf(rs.getString("status")), resolved, rs.getString("dismiss_reason"),
                rs.getString("dismissed_by"), dismissedAt == null ? null : dismissedAt.toInstant());
    }
}
