package org.opportune.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The work columns of {@code conversations}: owner, open or archived, who wrote last. Changed by
 * single guarded updates, so that two people acting at once cannot both win: a claim only sets an
 * owner where there is none, a hand-over only where the owner is still the one the person saw.
 */
@Repository
class WorkStore {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;
    private final ConversationMailboxes mailboxes;

    WorkStore(JdbcClient jdbc, NamedParameterJdbcOperations batch, ConversationMailboxes mailboxes) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.mailboxes = mailboxes;
    }

    private static final String STATE = """
            select id, subject, message_count, first_message_at, last_message_at, owner_id, status, archived_at,
                   waiting_on_us, last_inbound_at, last_outbound_at
            from conversations""";
    private static final int IN_LIST = 1000;

    Optional<ConversationState> find(long conversationId) {
        return jdbc.sql(STATE + " where id = :id")
                .param("id", conversationId)
                .query(WorkStore::state)
                .optional();
    }

    /** The states of those of these conversations that exist. */
    Map<Long, ConversationState> findAll(Collection<Long> conversationIds) {
        var ids = List.copyOf(conversationIds);
        var states = new HashMap<Long, ConversationState>();
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            jdbc.sql(STATE + " where id in (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + IN_LIST)))
                    .query(WorkStore::state)
                    .list()
                    .forEach(state -> states.put(state.id(), state));
        }
        return states;
    }

    private static ConversationState state(ResultSet rs, int row) throws SQLException {
        return new ConversationState(rs.getLong("id"), rs.getString("subject"),
                rs.getInt("message_count"), instant(rs.getObject("first_message_at", OffsetDateTime.class)),
                instant(rs.getObject("last_message_at", OffsetDateTime.class)),
                rs.getObject("owner_id", Long.class), "archived".equals(rs.getString("status")),
                nullableInstant(rs.getObject("archived_at", OffsetDateTime.class)), rs.getBoolean("waiting_on_us"),
                nullableInstant(rs.getObject("last_inbound_at", OffsetDateTime.class)),
                nullableInstant(rs.getObject("last_outbound_at", OffsetDateTime.class)));
    }

    /** Sets the owner only if there is none; {@code false} when someone else was first. */
    boolean claim(long conversationId, long userId) {
        return mirrored(conversationId, jdbc.sql("update conversations set owner_id = :userId where id = :id and owner_id is null")
                .param("userId", userId)
                .param("id", conversationId)
                .update() == 1);
    }

    /** Changes the owner only if it is still {@code expected}; {@code false} when it changed meanwhile. */
    boolean changeOwner(long conversationId, @Nullable Long expected, @Nullable Long owner) {
        var sql = expected == null
                ? "update conversations set owner_id = :owner where id = :id and owner_id is null"
                : "update conversations set owner_id = :owner where id = :id and owner_id = :expected";
        var statement = jdbc.sql(sql).param("owner", owner).param("id", conversationId);
        if (expected != null) {
            statement = statement.param("expected", expected);
        }
        return mirrored(conversationId, statement.update() == 1);
    }

    boolean archive(long conversationId, Instant at) {
        return mirrored(conversationId, jdbc.sql(
                        "update conversations set status = 'archived', archived_at = :at where id = :id and status = 'open'")
                .param("at", utc(at))
                .param("id", conversationId)
                .update() == 1);
    }

    boolean reopen(long conversationId) {
        return mirrored(conversationId, jdbc.sql(
                        "update conversations set status = 'open', archived_at = null where id = :id and status = 'archived'")
                .param("id", conversationId)
                .update() == 1);
    }

    /**
     * Notes a message in the conversation: who wrote last decides whether we owe an answer. Called with
     * the conversation's row locked (threading locks it), so the read and the write cannot interleave.
     */
    void noteMessage(long conversationId, boolean fromUs, Instant sentAt) {
        noteMessages(Map.of(conversationId, Notes.of(fromUs, sentAt)));
        mailboxes.mirror(conversationId);
    }

    /**
     * The messages of one conversation noted at once: the latest times of those from the customer and of
     * ours, and whether the last one noted was ours. Noting them one by one ends the same way: the latest
     * times win, and the last message noted decides a tie between the two.
     */
    record Notes(@Nullable Instant inbound, @Nullable Instant outbound, boolean lastFromUs) {

        static Notes of(boolean fromUs, Instant sentAt) {
            return fromUs ? new Notes(null, sentAt, true) : new Notes(sentAt, null, false);
        }

        /** These notes, then {@code next}. */
        Notes then(Notes next) {
            return new Notes(later(inbound, next.inbound), later(outbound, next.outbound), next.lastFromUs);
        }
    }

    /**
     * {@link #noteMessage} for many conversations, with one read and one JDBC batch, without the mailbox
     * views' copy (the caller mirrors the conversations when it is done with them). Called with the
     * conversations' rows locked.
     *
     * @return each conversation's state as it was before
     */
    Map<Long, ConversationState> noteMessages(Map<Long, Notes> notes) {
        if (notes.isEmpty()) {
            return Map.of();
        }
        var before = findAll(notes.keySet());
        var rows = new ArrayList<MapSqlParameterSource>();
        notes.forEach((conversationId, note) -> {
            var state = before.get(conversationId);
            if (state == null) {
                throw ConversationNotFoundException.forId(conversationId);
            }
            var inbound = later(state.lastInboundAt(), note.inbound());
            var outbound = later(state.lastOutboundAt(), note.outbound());
            // Date headers have whole seconds: on a tie, the message being noted now (the later arrival) decides.
            var waiting = note.lastFromUs()
                    ? inbound != null && inbound.isAfter(outbound)
                    : outbound == null || !inbound.isBefore(outbound);
            rows.add(new MapSqlParameterSource()
                    .addValue("inbound", inbound == null ? null : utc(inbound))
                    .addValue("outbound", outbound == null ? null : utc(outbound))
                    .addValue("waiting", waiting)
                    .addValue("id", conversationId));
        });
        batch.batchUpdate("""
                update conversations set last_inbound_at = :inbound, last_outbound_at = :outbound, waiting_on_us = :waiting
                where id = :id""", rows.toArray(MapSqlParameterSource[]::new));
        return before;
    }

    /**
     * Sets who wrote last again from the conversation's messages, after a split moved some of them away:
     * the latest message decides (on a tie in time, the later-stored one), as it did when they arrived.
     */
    void recountDirection(long conversationId, Set<String> ownDomains) {
        Instant inbound = null;
        Instant outbound = null;
        var waiting = false;
        var messages = jdbc.sql("select from_address, sent_at from conversation_messages where conversation_id = :id order by sent_at, message_id")
                .param("id", conversationId)
                .query((rs, n) -> Map.entry(isOwn(rs.getString("from_address"), ownDomains),
                        instant(rs.getObject("sent_at", OffsetDateTime.class))))
                .list();
        for (var message : messages) {
            if (message.getKey()) {
                outbound = message.getValue();
            } else {
                inbound = message.getValue();
            }
            waiting = !message.getKey();
        }
        jdbc.sql("""
                update conversations set last_inbound_at = :inbound, last_outbound_at = :outbound, waiting_on_us = :waiting
                where id = :id""")
                .param("inbound", inbound == null ? null : utc(inbound))
                .param("outbound", outbound == null ? null : utc(outbound))
                .param("waiting", waiting)
                .param("id", conversationId)
                .update();
        mailboxes.mirror(conversationId);
    }

    /** Whether a sender's address is at one of our own domains (a message from us, not from the customer). */
    static boolean isOwn(@Nullable String address, Set<String> ownDomains) {
        if (address == null) {
            return false;
        }
        var lower = address.toLowerCase(Locale.ROOT);
        var at = lower.lastIndexOf('@');
        return at > 0 && ownDomains.contains(lower.substring(at + 1));
    }

    /** After a merge: the merged conversation's owner carries over when the target had none, and who wrote last is recounted. */
    void absorb(long targetId, ConversationState merged) {
        if (merged.ownerId() != null) {
            changeOwner(targetId, null, merged.ownerId());
        }
        if (merged.lastInboundAt() != null) {
            noteMessage(targetId, false, merged.lastInboundAt());
        }
        if (merged.lastOutboundAt() != null) {
            noteMessage(targetId, true, merged.lastOutboundAt());
        }
    }

    /** The per-mailbox views' copy follows a change that happened (and holds the conversation's row lock). */
    private boolean mirrored(long conversationId, boolean changed) {
        if (changed) {
            mailboxes.mirror(conversationId);
        }
        return changed;
    }

    private static @Nullable Instant later(@Nullable Instant current, @Nullable Instant candidate) {
        return current == null || candidate != null && candidate.isAfter(current) ? candidate : current;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }

    private static @Nullable Instant nullableInstant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
