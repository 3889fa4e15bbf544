package org.opportune.mail.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.opportune.mail.OutboxEntry;

/**
 * The outbox table. A sender takes a due entry with one guarded update (only if it is still queued
 * and due, or its earlier sender's lock ran out), so two nodes never send the same entry at once.
 */
@Repository
public class OutboxStore {

    private final JdbcClient jdbc;

    public OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long mailboxId, String messageIdHeader, String rawBlobKey, String recipients, String subject,
            @Nullable Long authorId, String authorName, Instant now) {
        jdbc.sql("""
                insert into outbox (mailbox_id, message_id_header, raw_blob_key, recipients, subject, author_id, author_name,
                                    status, attempts, next_attempt_at, created_at)
                values (:mailbox, :header, :blob, :recipients, :subject, :authorId, :authorName, 'queued', 0, :now, :now)""")
                .param("mailbox", mailboxId).param("header", messageIdHeader).param("blob", rawBlobKey)
                .param("recipients", recipients).param("subject", subject).param("authorId", authorId)
                .param("authorName", authorName).param("now", utc(now))
                .update();
        return jdbc.sql("select id from outbox where message_id_header = :header").param("header", messageIdHeader)
                .query(Long.class).single();
    }

    public void linkMessage(long id, long messageId) {
        jdbc.sql("update outbox set message_id = :messageId where id = :id").param("messageId", messageId).param("id", id)
                .update();
    }

    public Optional<OutboxEntry> find(long id) {
        return jdbc.sql("select * from outbox where id = :id").param("id", id).query(OutboxStore::entry).optional();
    }

    public String rawBlobKey(long id) {
        return jdbc.sql("select raw_blob_key from outbox where id = :id").param("id", id).query(String.class).single();
    }

    public List<OutboxEntry> forMessages(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from outbox where message_id in (:ids)").param("ids", List.copyOf(messageIds))
                .query(OutboxStore::entry).list();
    }

    /** Entries a sender should try now: queued and due, or stuck in sending after their lock ran out. */
    public List<Long> due(Instant now, int limit) {
        return jdbc.sql("""
                select id from outbox
                where (status = 'queued' and next_attempt_at <= :now) or (status = 'sending' and locked_until < :now)
                order by next_attempt_at, id
                limit :limit""")
                .param("now", utc(now)).param("limit", limit)
                .query(Long.class).list();
    }

    /** Takes the entry for one attempt; {@code false} when another sender took it first. */
    public boolean take(long id, Instant now, Instant lockedUntil) {
        return jdbc.sql("""
                update outbox set status = 'sending', locked_until = :until, attempts = attempts + 1
                where id = :id and ((status = 'queued' and next_attempt_at <= :now) or (status = 'sending' and locked_until < :now))""")
                .param("until", utc(lockedUntil)).param("id", id).param("now", utc(now))
                .update() == 1;
    }

    /** Sent by SMTP; {@code appendToSent}: a copy is to go to the mailbox's Sent folder next (a step of its own). */
    public void sent(long id, Instant now, boolean appendToSent) {
        jdbc.sql("""
                update outbox set status = 'sent', sent_at = :now, locked_until = null, last_error = null,
                    append_status = :append, append_next_at = :appendAt
                where id = :id""")
                .param("now", utc(now)).param("id", id)
                .param("append", appendToSent ? "pending" : null, java.sql.Types.VARCHAR)
                .param("appendAt", appendToSent ? utc(now) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .update();
    }

    /** Sent entries whose Sent folder copy is due: pending and due, or stuck in appending after their lock ran out. */
    public List<Long> appendsDue(Instant now, int limit) {
        return jdbc.sql("""
                select id from outbox
                where (append_status = 'pending' and append_next_at <= :now)
                   or (append_status = 'appending' and append_locked_until < :now)
                order by append_next_at, id
                limit :limit""")
                .param("now", utc(now)).param("limit", limit)
                .query(Long.class).list();
    }

    /** Takes the entry for one append attempt; {@code false} when another node took it first. */
    public boolean takeAppend(long id, Instant now, Instant lockedUntil) {
        return jdbc.sql("""
                update outbox set append_status = 'appending', append_locked_until = :until, append_attempts = append_attempts + 1
                where id = :id and ((append_status = 'pending' and append_next_at <= :now)
                    or (append_status = 'appending' and append_locked_until < :now))""")
                .param("until", utc(lockedUntil)).param("id", id).param("now", utc(now))
                .update() == 1;
    }

    public int appendAttempts(long id) {
        return jdbc.sql("select append_attempts from outbox where id = :id").param("id", id).query(Integer.class).single();
    }

    public void appended(long id, Instant now) {
        jdbc.sql("""
                update outbox set append_status = 'appended', appended_at = :now, append_locked_until = null, append_error = null
                where id = :id""")
                .param("now", utc(now)).param("id", id).update();
    }

    public void appendLater(long id, Instant next, String error) {
        jdbc.sql("""
                update outbox set append_status = 'pending', append_next_at = :next, append_locked_until = null, append_error = :error
                where id = :id""")
                .param("next", utc(next)).param("error", truncate(error)).param("id", id).update();
    }

    public void appendFailed(long id, String error) {
        jdbc.sql("update outbox set append_status = 'failed', append_locked_until = null, append_error = :error where id = :id")
                .param("error", truncate(error)).param("id", id).update();
    }

    /** The mailbox has no Sent folder any more: nothing left to append. */
    public void appendDropped(long id) {
        jdbc.sql("update outbox set append_status = null, append_locked_until = null where id = :id")
                .param("id", id).update();
    }

    /** A person retries a Sent folder copy that was given up: pending again, due now, with a fresh count. */
    public boolean requeueAppend(long id, Instant now) {
        return jdbc.sql("""
                update outbox set append_status = 'pending', append_next_at = :now, append_attempts = 0
                where id = :id and append_status = 'failed'""")
                .param("now", utc(now)).param("id", id).update() == 1;
    }

    public void retryLater(long id, Instant next, String error) {
        jdbc.sql("update outbox set status = 'queued', next_attempt_at = :next, locked_until = null, last_error = :error where id = :id")
                .param("next", utc(next)).param("error", truncate(error)).param("id", id).update();
    }

    public void failed(long id, String error) {
        jdbc.sql("update outbox set status = 'failed', locked_until = null, last_error = :error where id = :id")
                .param("error", truncate(error)).param("id", id).update();
    }

    /** A person retries a failed entry: queued again, due now, with a fresh count of attempts. */
    public boolean requeue(long id, Instant now) {
        return jdbc.sql("update outbox set status = 'queued', next_attempt_at = :now, attempts = 0 where id = :id and status = 'failed'")
                .param("now", utc(now)).param("id", id).update() == 1;
    }

    private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
        return new OutboxEntry(rs.getLong("id"), rs.getLong("mailbox_id"), rs.getObject("message_id", Long.class),
                rs.getString("message_id_header"), rs.getString("recipients"), rs.getString("subject"),
                rs.getString("author_name"), rs.getString("status"), rs.getInt("attempts"),
                instant(rs.getObject("next_attempt_at", OffsetDateTime.class)), rs.getString("last_error"),
                instant(rs.getObject("created_at", OffsetDateTime.class)),
                nullable(rs.getObject("sent_at", OffsetDateTime.class)), rs.getString("append_status"),
                rs.getInt("append_attempts"), rs.getString("append_error"),
                nullable(rs.getObject("appended_at", OffsetDateTime.class)));
    }

    private static String truncate(String error) {
        return error.length() <= 2000 ? error : error.substring(0, 2000);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }

    private static @Nullable Instant nullable(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
