package org.opportune.conversation;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.opportune.shared.IdList;

/**
 * Gives each conversation the most telling category of its messages, so the inbox can show and
 * filter by it. Triage tells each message's category (with its rank) and may finish before or after
 * threading: the category is kept per message here, and recounted both when a message is categorised
 * and when it is threaded, split or merged.
 */
@Component
class ConversationCategories {

    private static final int IN_LIST = 1000;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;
    private final ConversationMailboxes mailboxes;

    ConversationCategories(JdbcClient jdbc, NamedParameterJdbcOperations batch, ConversationMailboxes mailboxes) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.mailboxes = mailboxes;
    }

    /** Records the message's category; returns its conversation when the message is threaded already. */
    java.util.Optional<Long> note(long messageId, String category, int rank) {
        var updated = jdbc.sql("update conversation_message_categories set category = :category, rank = :rank where message_id = :id")
                .param("category", category).param("rank", rank).param("id", messageId).update();
        if (updated == 0) {
            jdbc.sql("insert into conversation_message_categories (message_id, category, rank) values (:id, :category, :rank)")
                    .param("id", messageId).param("category", category).param("rank", rank).update();
        }
        var conversationId = jdbc.sql("select conversation_id from conversation_messages where message_id = :id")
                .param("id", messageId)
                .query(Long.class)
                .optional();
        conversationId.ifPresent(this::recount);
        return conversationId;
    }

    /** {@link #note} for an import's batch, in two JDBC batches; the caller recounts the conversations once. */
    void noteAll(Collection<ConversationService.CategoryNote> notes) {
        var byMessage = new LinkedHashMap<Long, ConversationService.CategoryNote>();
        notes.forEach(note -> byMessage.put(note.messageId(), note)); // a message noted twice: the later note wins
        if (byMessage.isEmpty()) {
            return;
        }
        var existing = new HashSet<>(jdbc.sql("select message_id from conversation_message_categories where message_id in ("
                + IdList.literal(byMessage.keySet()) + ")").query(Long.class).list());
        var updates = new ArrayList<MapSqlParameterSource>();
        var inserts = new ArrayList<MapSqlParameterSource>();
        for (var note : byMessage.values()) {
            var row = new MapSqlParameterSource().addValue("id", note.messageId()).addValue("category", note.category())
                    .addValue("rank", note.rank());
            (existing.contains(note.messageId()) ? updates : inserts).add(row);
        }
        if (!updates.isEmpty()) {
            batch.batchUpdate("update conversation_message_categories set category = :category, rank = :rank where message_id = :id",
                    updates.toArray(MapSqlParameterSource[]::new));
        }
        if (!inserts.isEmpty()) {
            batch.batchUpdate("insert into conversation_message_categories (message_id, category, rank) values (:id, :category, :rank)",
                    inserts.toArray(MapSqlParameterSource[]::new));
        }
    }

    /** Sets the conversation's category from its messages' categories: the lowest rank wins. */
    void recount(long conversationId) {
        var best = jdbc.sql("""
                select c.category from conversation_message_categories c
                join conversation_messages m on m.message_id = c.message_id
                where m.conversation_id = :id
                order by c.rank, c.category
                limit 1""")
                .param("id", conversationId)
                .query(String.class)
                .optional()
                .orElse(null);
        jdbc.sql("update conversations set category = :category where id = :id")
                .param("category", best).param("id", conversationId).update();
        // also the last message time: threading, split and merge end here after changing it
        mailboxes.mirror(conversationId);
    }

    /** {@link #recount(long)} for the conversations an import's batch threaded messages into: one query and one JDBC batch. */
    void recount(Collection<Long> conversationIds) {
        var ids = List.copyOf(new LinkedHashSet<>(conversationIds));
        if (ids.isEmpty()) {
            return;
        }
        var best = new HashMap<Long, String>();
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            jdbc.sql("""
                    select conversation_id, category from (
                        select m.conversation_id, c.category,
                               row_number() over (partition by m.conversation_id order by c.rank, c.category) as place
                        from conversation_message_categories c
                        join conversation_messages m on m.message_id = c.message_id
                        where m.conversation_id in (:ids)) ranked
                    where place = 1""")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + IN_LIST)))
                    .query(rs -> {
                        best.put(rs.getLong(1), rs.getString(2));
                    });
        }
        batch.batchUpdate("update conversations set category = :category where id = :id", ids.stream()
                .map(id -> new MapSqlParameterSource().addValue("category", best.get(id), Types.VARCHAR).addValue("id", id))
                .toArray(MapSqlParameterSource[]::new));
        mailboxes.mirror(ids);
    }
}
