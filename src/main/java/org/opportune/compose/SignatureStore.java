package org.opportune.compose;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The signatures table: (user, mailbox) → text, with 0 for "every mailbox" and for "the mailbox's footer". */
@Repository
class SignatureStore {

    static final long ANY = 0;

    private final JdbcClient jdbc;

    SignatureStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(long userId, long mailboxId) {
        return jdbc.sql("select body from signatures where user_id = :user and mailbox_id = :mailbox")
                .param("user", userId).param("mailbox", mailboxId).query(String.class).optional();
    }

    /** mailbox id → text, for one user ({@link #ANY} for the footers); the default has mailbox id {@link #ANY}. */
    Map<Long, String> ofUser(long userId) {
        var texts = new LinkedHashMap<Long, String>();
        jdbc.sql("select mailbox_id, body from signatures where user_id = :user order by mailbox_id").param("user", userId)
                .query((rs, row) -> texts.put(rs.getLong("mailbox_id"), rs.getString("body"))).list();
        return texts;
    }

    void save(long userId, long mailboxId, String body, String by, Instant now) {
        var updated = jdbc.sql("""
                update signatures set body = :body, updated_by = :by, updated_at = :now
                where user_id = :user and mailbox_id = :mailbox""")
                .param("body", body).param("by", by).param("now", now.atOffset(ZoneOffset.UTC))
                .param("user", userId).param("mailbox", mailboxId).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into signatures (user_id, mailbox_id, body, updated_by, updated_at)
                    values (:user, :mailbox, :body, :by, :now)""")
                    .param("body", body).param("by", by).param("now", now.atOffset(ZoneOffset.UTC))
                    .param("user", userId).param("mailbox", mailboxId).update();
        }
    }

    void delete(long userId, long mailboxId) {
        jdbc.sql("delete from signatures where user_id = :user and mailbox_id = :mailbox")
                .param("user", userId).param("mailbox", mailboxId).update();
    }
}
