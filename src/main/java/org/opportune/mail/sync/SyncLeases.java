package org.opportune.mail.sync;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lease rows that let one node at a time sync a mailbox. Each call is its own statement
 * (auto-commit, no surrounding transaction), so a failed insert never poisons a transaction.
 */
public final class SyncLeases {

    private final JdbcClient jdbc;

    public SyncLeases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes or renews the lease when it is ours or expired; false when another node holds it. */
    public boolean acquire(long mailboxId, String nodeId, Instant now, Instant expiresAt) {
        var updated = jdbc.sql("""
                        update mailbox_leases set node_id = :me, expires_at = :expires
                        where mailbox_id = :id and (node_id = :me or expires_at < :now)
                        """)
                .param("me", nodeId).param("expires", expiresAt.atOffset(ZoneOffset.UTC))
                .param("id", mailboxId).param("now", now.atOffset(ZoneOffset.UTC))
                .update();
        if (updated == 1) {
            return true;
        }
        try {
            jdbc.sql("insert into mailbox_leases (mailbox_id, node_id, expires_at) values (:id, :me, :expires)")
                    .param("id", mailboxId).param("me", nodeId).param("expires", expiresAt.atOffset(ZoneOffset.UTC))
                    .update();
            return true;
        } catch (DuplicateKeyException held) {
            return false;
        }
    }

    public void release(long mailboxId, String nodeId) {
        jdbc.sql("delete from mailbox_leases where mailbox_id = :id and node_id = :me")
                .param("id", mailboxId).param("me", nodeId).update();
    }

    /** The node that holds an unexpired lease on the mailbox. */
    public Optional<String> holder(long mailboxId, Instant now) {
        return jdbc.sql("select node_id from mailbox_leases where mailbox_id = :id and expires_at >= :now")
                .param("id", mailboxId).param("now", now.atOffset(ZoneOffset.UTC))
                .query(String.class).optional();
    }
}
