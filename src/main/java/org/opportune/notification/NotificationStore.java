package org.opportune.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code notifications} table. */
@Repository
class NotificationStore {

    /** Kinds whose {@code dedup_key} holds only while unread (see V100). */
    private static final List<String> KEYED_WHILE_UNREAD = List.of(NotificationKind.CONVERSATION_ASSIGNED.key(),
            NotificationKind.OPPORTUNITY_ASSIGNED.key(), NotificationKind.TASK_ASSIGNED.key());

    private static final String COLUMNS = """
            id, kind, actor_name, target_type, target_id, anchor, title, detail, created_at, read_at""";

    /** Reading frees a while-unread key, so a later, new assignment of the same thing is news again. */
    private static final String MARK_READ = """
            update notifications set read_at = :now,
                dedup_key = case when kind in (:whileUnread) then null else dedup_key end
            where recipient_id = :me and read_at is null""";

    private final JdbcClient jdbc;

    private final TransactionTemplate savepoint;

    NotificationStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** A notification to add; {@code dedupKey} names the event it comes from. */
    record NewNotification(long recipientId, NotificationKind kind, @Nullable Long actorId, @Nullable String actorName,
            String targetType, long targetId, @Nullable String anchor, String title, @Nullable String detail,
            String dedupKey) {
    }

    /**
     * Adds it unless a notification with the same key exists; true when added. Two deliveries of one event
     * at the same moment both pass the check, and the unique key refuses the second: that insert runs in a
     * savepoint, so only it is undone (PostgreSQL would otherwise abort the listener's whole transaction).
     */
    boolean addOnce(NewNotification n, Instant now) {
        try {
            return Boolean.TRUE.equals(savepoint.execute(status -> insert(n, now)));
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private boolean insert(NewNotification n, Instant now) {
        return jdbc.sql("""
                insert into notifications (recipient_id, kind, actor_id, actor_name, target_type, target_id, anchor, title,
                    detail, dedup_key, created_at)
                select :recipient, :kind, :actorId, :actorName, :targetType, :targetId, :anchor, :title, :detail, :key, :now
                where not exists (select 1 from notifications where dedup_key = :key)""")
                .param("recipient", n.recipientId()).param("kind", n.kind().key())
                .param("actorId", n.actorId()).param("actorName", clip(n.actorName(), 200))
                .param("targetType", n.targetType()).param("targetId", n.targetId()).param("anchor", n.anchor())
                .param("title", clip(n.title(), 300)).param("detail", clip(n.detail(), 300))
                .param("key", n.dedupKey()).param("now", Timestamp.from(now))
                .update() == 1;
    }

    List<NotificationView> recent(long recipientId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from notifications where recipient_id = :me order by created_at desc, id desc limit :limit")
                .param("me", recipientId).param("limit", limit)
                .query(NotificationStore::view).list();
    }

    Optional<NotificationView> find(long recipientId, long id) {
        return jdbc.sql("select " + COLUMNS + " from notifications where recipient_id = :me and id = :id")
                .param("me", recipientId).param("id", id)
                .query(NotificationStore::view).optional();
    }

    long unreadCount(long recipientId) {
        return jdbc.sql("select count(*) from notifications where recipient_id = :me and read_at is null")
                .param("me", recipientId).query(Long.class).single();
    }

    /** Marks one of the person's notifications read, if it was unread; how many changed (0 or 1). */
    int markRead(long recipientId, long id, Instant now) {
        return jdbc.sql(MARK_READ + " and id = :id")
                .param("now", Timestamp.from(now)).param("whileUnread", KEYED_WHILE_UNREAD)
                .param("me", recipientId).param("id", id)
                .update();
    }

    /** Marks all the person's unread notifications read; how many changed. */
    int markAllRead(long recipientId, Instant now) {
        return jdbc.sql(MARK_READ)
                .param("now", Timestamp.from(now)).param("whileUnread", KEYED_WHILE_UNREAD)
                .param("me", recipientId)
                .update();
    }

    private static NotificationView view(ResultSet rs, int row) throws SQLException {
        var read = rs.getTimestamp("read_at");
        return new NotificationView(rs.getLong("id"), NotificationKind.of(rs.getString("kind")), rs.getString("actor_name"),
                rs.getString("target_type"), rs.getLong("target_id"), rs.getString("anchor"), rs.getString("title"),
                rs.getString("detail"), rs.getTimestamp("created_at").toInstant(), read == null ? null : read.toInstant());
    }

    private static @Nullable String clip(@Nullable String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
