package org.opportune.compose;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The reply_templates table. */
@Repository
class ReplyTemplateStore {

    private final JdbcClient jdbc;

    ReplyTemplateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ReplyTemplateView> all() {
        return jdbc.sql("select * from reply_templates order by name_key, id").query(ReplyTemplateStore::view).list();
    }

    Optional<ReplyTemplateView> find(long id) {
        return jdbc.sql("select * from reply_templates where id = :id").param("id", id).query(ReplyTemplateStore::view)
                .optional();
    }

    Optional<Long> idByName(String name) {
        return jdbc.sql("select id from reply_templates where name_key = :key").param("key", key(name))
                .query(Long.class).optional();
    }

    long insert(String name, @Nullable String subject, String body, String by, Instant now) {
        jdbc.sql("""
                insert into reply_templates (name, name_key, subject, body, created_by, created_at, updated_by, updated_at)
                values (:name, :key, :subject, :body, :by, :now, :by, :now)""")
                .param("name", name).param("key", key(name)).param("subject", subject).param("body", body)
                .param("by", by).param("now", utc(now)).update();
        return idByName(name).orElseThrow();
    }

    void update(long id, String name, @Nullable String subject, String body, String by, Instant now) {
        jdbc.sql("""
                update reply_templates set name = :name, name_key = :key, subject = :subject, body = :body,
                       updated_by = :by, updated_at = :now, version = version + 1
                where id = :id""")
                .param("name", name).param("key", key(name)).param("subject", subject).param("body", body)
                .param("by", by).param("now", utc(now)).param("id", id).update();
    }

    boolean delete(long id) {
        return jdbc.sql("delete from reply_templates where id = :id").param("id", id).update() == 1;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static ReplyTemplateView view(ResultSet rs, int row) throws SQLException {
        return new ReplyTemplateView(rs.getLong("id"), rs.getString("name"), rs.getString("subject"), rs.getString("body"),
                rs.getString("updated_by"), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
