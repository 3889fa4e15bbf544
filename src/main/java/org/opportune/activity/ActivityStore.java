package org.opportune.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.opportune.shared.Audited;

/** Appends entries to the chain and reads them back in chain order. Never updates or deletes an entry. */
@Component
class ActivityStore {

    static final RowMapper<ActivityEntry> ENTRY = ActivityStore::entry;

    private final JdbcClient jdbc;

    ActivityStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Must run inside a transaction: the chain head stays locked until it commits. */
    ActivityEntry append(Audited event, Instant now, String origin) {
        var head = jdbc.sql("select last_id, last_hash from activity_chain_head where id = 1 for update")
                .query((rs, row) -> new Head(rs.getLong("last_id"), rs.getString("last_hash")))
                .single();
        var unhashed = new ActivityEntry(head.lastId() + 1, ActivityChain.storedTime(now),
                event.actor().userId(), cut(event.actor().name(), 120), cut(event.action(), 80),
                cut(event.subjectType(), 40), cut(event.subjectId(), 120),
                ActivityChain.json(event.before()), ActivityChain.json(event.after()), cut(origin, 64),
                head.lastHash(), "");
        var entry = withHash(unhashed, ActivityChain.hash(unhashed));
        jdbc.sql("""
                insert into activity_entries (id, occurred_at, actor_id, actor_name, action, subject_type, subject_id,
                                              before_json, after_json, origin, prev_hash, hash)
                values (:id, :occurredAt, :actorId, :actorName, :action, :subjectType, :subjectId,
                        :before, :after, :origin, :prevHash, :hash)
                """)
                .param("id", entry.id())
                .param("occurredAt", entry.occurredAt().atOffset(ZoneOffset.UTC))
                .param("actorId", entry.actorId())
                .param("actorName", entry.actorName())
                .param("action", entry.action())
                .param("subjectType", entry.subjectType())
                .param("subjectId", entry.subjectId())
                .param("before", entry.beforeJson())
                .param("after", entry.afterJson())
                .param("origin", entry.origin())
                .param("prevHash", entry.prevHash())
                .param("hash", entry.hash())
                .update();
        jdbc.sql("update activity_chain_head set last_id = :id, last_hash = :hash where id = 1")
                .param("id", entry.id())
                .param("hash", entry.hash())
                .update();
        return entry;
    }

    /** Entries after {@code afterId} in chain order, at most {@code limit}: for walking the whole trail in batches. */
    List<ActivityEntry> batchAfter(long afterId, int limit) {
        return jdbc.sql("select * from activity_entries where id > :after order by id fetch first :limit rows only")
                .param("after", afterId)
                .param("limit", limit)
                .query(ENTRY)
                .list();
    }

    Head head() {
        return jdbc.sql("select last_id, last_hash from activity_chain_head where id = 1")
                .query((rs, row) -> new Head(rs.getLong("last_id"), rs.getString("last_hash")))
                .single();
    }

    private static ActivityEntry entry(ResultSet rs, int row) throws SQLException {
        Long actorId = rs.getLong("actor_id");
        if (rs.wasNull()) {
            actorId = null;
        }
        return new ActivityEntry(
                rs.getLong("id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                actorId,
                rs.getString("actor_name"),
                rs.getString("action"),
                rs.getString("subject_type"),
                rs.getString("subject_id"),
                rs.getString("before_json"),
                rs.getString("after_json"),
                rs.getString("origin"),
                rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    private static ActivityEntry withHash(ActivityEntry e, String hash) {
        return new ActivityEntry(e.id(), e.occurredAt(), e.actorId(), e.actorName(), e.action(), e.subjectType(),
                e.subjectId(), e.beforeJson(), e.afterJson(), e.origin(), e.prevHash(), hash);
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    record Head(long lastId, String lastHash) {
    }
}
