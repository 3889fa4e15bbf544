package org.opportune.conversation;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code conversation_mailboxes}: which mailboxes a conversation has messages in, each row with a copy of
 * what the inbox's views filter and sort on (status, owner, waiting on us, category, last message time), so
 * that a per-mailbox view is read from this table's indexes alone (V085).
 *
 * <p>The copy is taken from {@code conversations} after every change of those columns, in the same
 * transaction and while that change holds the conversation's row lock: {@link WorkStore} (claim, assign,
 * release, archive, reopen, a new message's direction), {@link ConversationCategories} (the category), and
 * threading, split and merge, which change the last message time and always end with one of those. Two
 * transactions changing one conversation therefore copy in the order they changed it, and the last copy
 * sees both changes.
 */
@Repository
class ConversationMailboxes {

    private static final String COPIED = "status, owner_id, waiting_on_us, category, last_message_at";
    private static final int IN_LIST = 1000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;

    ConversationMailboxes(JdbcClient jdbc, NamedParameterJdbcOperations batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** That a conversation has a message in a mailbox. */
    record Row(long conversationId, long mailboxId) {
    }

    /** The conversations have messages in these mailboxes (a no-op for a row that exists), as one JDBC batch. */
    void add(Collection<Row> rows) {
        var distinct = new LinkedHashSet<>(rows);
        if (distinct.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                insert into conversation_mailboxes (conversation_id, mailbox_id, %s)
                select c.id, :mailboxId, %s from conversations c
                where c.id = :conversationId and not exists (select 1 from conversation_mailboxes
                                                            where conversation_id = :conversationId and mailbox_id = :mailboxId)"""
                        .formatted(COPIED, prefixed("c.")),
                distinct.stream().map(row -> new MapSqlParameterSource()
                                .addValue("conversationId", row.conversationId())
                                .addValue("mailboxId", row.mailboxId()))
                        .toArray(MapSqlParameterSource[]::new));
    }

    /** Which mailboxes these conversations have messages in, read again from their messages (after a split or merge). */
    void refresh(Collection<Long> conversationIds) {
        var ids = List.copyOf(conversationIds);
        jdbc.sql("delete from conversation_mailboxes where conversation_id in (:ids)").param("ids", ids).update();
        jdbc.sql("""
                insert into conversation_mailboxes (conversation_id, mailbox_id, %s)
                select c.id, m.mailbox_id, %s
                from (select distinct conversation_id, mailbox_id from conversation_messages where conversation_id in (:ids)) m
                join conversations c on c.id = m.conversation_id""".formatted(COPIED, prefixed("c.")))
                .param("ids", ids)
                .update();
    }

    /** Copies the conversation's current status, owner, waiting flag, category and last message time to its rows. */
    void mirror(long conversationId) {
        jdbc.sql("""
                update conversation_mailboxes set (%s) = (select %s from conversations c where c.id = :id)
                where conversation_id = :id""".formatted(COPIED, prefixed("c.")))
                .param("id", conversationId)
                .update();
    }

    /** {@link #mirror(long)} for many conversations at once. */
    void mirror(Collection<Long> conversationIds) {
        var ids = List.copyOf(conversationIds);
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            jdbc.sql("""
                    update conversation_mailboxes set (%s) =
                        (select %s from conversations c where c.id = conversation_mailboxes.conversation_id)
                    where conversation_id in (:ids)""".formatted(COPIED, prefixed("c.")))
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + IN_LIST)))
                    .update();
        }
    }

    private static String prefixed(String alias) {
        return alias + COPIED.replace(", ", ", " + alias);
    }
}
