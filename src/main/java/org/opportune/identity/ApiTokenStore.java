package org.opportune.identity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code api_tokens} table, through {@link JdbcClient}. Only hashes of secrets are stored. */
@Repository
class ApiTokenStore {

    private static final String COLUMNS = "id, user_id, label, prefix, created_at, last_used_at, revoked_at, revoked_by";

    private final JdbcClient jdbc;

    ApiTokenStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long userId, String label, String hash, String prefix, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into api_tokens (user_id, label, token_hash, prefix, created_at)
                values (:user, :label, :hash, :prefix, :at)""")
                .param("user", userId).param("label", label).param("hash", hash).param("prefix", prefix)
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    List<ApiTokenView> ofUser(long userId) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where user_id = :user order by revoked_at desc, created_at desc, id desc")
                .param("user", userId).query((rs, n) -> view(rs)).list();
    }

    Optional<ApiTokenView> find(long tokenId) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where id = :id").param("id", tokenId)
                .query((rs, n) -> view(rs)).optional();
    }

    /** The token and its owner's id for a hash, when the token is not revoked. */
    Optional<ApiTokenView> findActiveByHash(String hash) {
        return jdbc.sql("select " + COLUMNS + " from api_tokens where token_hash = :hash and revoked_at is null")
                .param("hash", hash).query((rs, n) -> view(rs)).optional();
    }

    boolean revoke(long tokenId, String by, Instant at) {
        return jdbc.sql("update api_tokens set revoked_at = :at, revoked_by = :by where id = :id and revoked_at is null")
                .param("id", tokenId).param("by", by).param("at", at.atOffset(ZoneOffset.UTC)).update() == 1;
    }

    int revokeAllOf(long userId, String by, Instant at) {
        return jdbc.sql("update api_tokens set revoked_at = :at, revoked_by = :by where user_id = :user and revoked_at is null")
                .param("user", userId).param("by", by).param("at", at.atOffset(ZoneOffset.UTC)).update();
    }

    /** Records use at most once a minute per token, so that a busy script does not write on every request. */
    void touch(long tokenId, Instant at) {
        jdbc.sql("""
                update api_tokens set last_used_at = :at
                where id = :id and (last_used_at is null or last_used_at < :before)""")
                .param("id", tokenId).param("at", at.atOffset(ZoneOffset.UTC))
                .param("before", at.minusSeconds(60).atOffset(ZoneOffset.UTC)).update();
    }

    private static ApiTokenView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ApiTokenView(rs.getLong("id"), rs.getLong("user_id"), rs.getString("label"), rs.getString("prefix"),
                instant(rs.getObject("created_at", OffsetDateTime.class)),
                instant(rs.getObject("last_used_at", OffsetDateTime.class)),
                instant(rs.getObject("revoked_at", OffsetDateTime.class)), rs.getString("revoked_by"));
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
