package org.opportune.conversation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.postgresql.PGStatement;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import org.opportune.conversation.Conversation.MessageSpan;
import org.opportune.conversation.ThreadResolver.Candidate;
import org.opportune.shared.IdList;
import org.opportune.shared.SearchText;

/**
 * The SQL side of threading: which message is in which conversation ({@code conversation_messages}),
 * their participants, and which Message-ID leads to which conversation ({@code thread_references}).
 * New rows go in as JDBC batches: threading writes those of a whole import batch at once.
 */
@Repository
class ThreadIndex {

    /** How many conversations with the same base subject the subject fallback looks at. */
    private static final int SUBJECT_CANDIDATES = 20;
    private static final int LOOKUP_CHUNK = 1000;

    private final boolean postgres;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;
    private final ConversationMailboxes mailboxes;

    ThreadIndex(JdbcClient jdbc, NamedParameterJdbcOperations batch, ConversationMailboxes mailboxes, DataSource dataSource) {
        this.postgres = SearchText.fullText(dataSource);
        this.jdbc = jdbc;
        this.batch = batch;
        this.mailboxes = mailboxes;
    }

    /** A message as threading keeps it. */
    record ThreadedMessage(long messageId, long conversationId, String messageIdHeader, String subject, Instant sentAt) {
    }

    /** The conversation's subject and messages in date order; empty when there is no such conversation. */
    Optional<ConversationOverview> overview(long conversationId) {
        var messages = jdbc.sql("""
                select message_id, mailbox_id, from_address, subject, sent_at from conversation_messages
                where conversation_id = :id order by sent_at, message_id""")
                .param("id", conversationId)
                .query((rs, n) -> new ConversationOverview.Message(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
        return jdbc.sql("""
                select id, subject, message_count, first_message_at, last_message_at from conversations where id = :id""")
                .param("id", conversationId)
                .query((rs, n) -> new ConversationOverview(rs.getLong(1), rs.getString(2), rs.getInt(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant(),
                        messages))
                .optional();
    }

    boolean isThreaded(long messageId) {
        return message(messageId).isPresent();
    }

    /** Which of these messages are in a conversation already. */
    Set<Long> threadedAmong(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select message_id from conversation_messages where message_id in ("
                        + IdList.literal(messageIds) + ")")
                .query(Long.class)
                .list());
    }

    /** The conversation of each of these messages that is threaded, by message id. */
    Map<Long, Long> conversationsOf(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        var found = new HashMap<Long, Long>();
        jdbc.sql("select message_id, conversation_id from conversation_messages where message_id in ("
                        + IdList.literal(messageIds) + ")")
                .query(rs -> {
                    found.put(rs.getLong(1), rs.getLong(2));
                });
        return found;
    }

    Optional<ThreadedMessage> message(long messageId) {
        return jdbc.sql("""
                select message_id, conversation_id, message_id_header, subject, sent_at
                from conversation_messages where message_id = :messageId""")
                .param("messageId", messageId)
                .query((rs, n) -> new ThreadedMessage(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .optional();
    }

    Map<String, Long> conversationsByMessageId(Collection<String> messageIdHeaders) {
        if (messageIdHeaders.isEmpty()) {
            return Map.of();
        }
        var found = new HashMap<String, Long>();
        var ids = List.copyOf(new HashSet<>(messageIdHeaders));
        if (postgres) {
            batch.getJdbcOperations().query(connection -> {
                var statement = connection.prepareStatement(
                        "select message_id_header, conversation_id from thread_references where message_id_header = any(?)");
                // planned for the table as it is every time: the generic plan a server-side statement gets after five
                // runs keeps the sequential scan chosen while an import's first batches were threaded (about 1 s a
                // lookup after 90,000 messages)
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                statement.setObject(1, ids.toArray(String[]::new));
                return statement;
            }, (RowCallbackHandler) rs -> found.put(rs.getString(1), rs.getLong(2)));
            return found;
        }
        // in chunks: a batch of an import asks for thousands at once, more than a statement may bind
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            jdbc.sql("select message_id_header, conversation_id from thread_references where message_id_header in (:ids)")
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK)))
                    .query(rs -> {
                        found.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return found;
    }

    List<Candidate> conversationsWithBaseSubject(String baseSubjectKey, Instant from, Instant to) {
        var spans = jdbc.sql("""
                select id, first_message_at, last_message_at from conversations
                where base_subject = :base and last_message_at >= :from and first_message_at <= :to
                order by last_message_at desc, id desc
                fetch first %d rows only""".formatted(SUBJECT_CANDIDATES))
                .param("base", SubjectNormaliser.truncate(baseSubjectKey))
                .param("from", utc(from))
                .param("to", utc(to))
                .query((rs, n) -> new Candidate(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), new HashSet<>()))
                .list();
        if (spans.isEmpty()) {
            return spans;
        }
        var byId = new LinkedHashMap<Long, Candidate>();
        spans.forEach(candidate -> byId.put(candidate.conversationId(), candidate));
        jdbc.sql("""
                select distinct m.conversation_id, p.address
                from conversation_messages m join conversation_message_participants p on p.message_id = m.message_id
                where m.conversation_id in (:ids)""")
                .param("ids", List.copyOf(byId.keySet()))
                .query(rs -> {
                    byId.get(rs.getLong(1)).participants().add(rs.getString(2));
                });
        return List.copyOf(byId.values());
    }

    /** Locks the conversations' rows in id order (so two transactions cannot deadlock); returns how many exist. */
    int lock(Collection<Long> conversationIds) {
        return jdbc.sql("select id from conversations where id in (:ids) order by id for update")
                .param("ids", List.copyOf(new TreeSet<>(conversationIds)))
                .query(Long.class)
                .list()
                .size();
    }

    /**
     * Inserts new conversations, as the repository would (the same columns, version 1), but as one JDBC
     * batch: an import starts thousands. Each gets the id the database gave it.
     */
    void insert(List<Conversation> conversations) {
        if (conversations.isEmpty()) {
            return;
        }
        var rows = conversations.stream().map(c -> new MapSqlParameterSource()
                        .addValue("subject", c.subject())
                        .addValue("baseSubject", c.baseSubject())
                        .addValue("first", utc(c.firstMessageAt()))
                        .addValue("last", utc(c.lastMessageAt()))
                        .addValue("count", c.messageCount())
                        .addValue("createdAt", utc(c.createdAt())))
                .toArray(MapSqlParameterSource[]::new);
        var keys = new GeneratedKeyHolder();
        batch.batchUpdate("""
                insert into conversations (subject, base_subject, first_message_at, last_message_at, message_count,
                    created_at, version)
                values (:subject, :baseSubject, :first, :last, :count, :createdAt, 1)""", rows, keys, new String[] {"id"});
        // one key per row, in the order of the rows
        var generated = keys.getKeyList();
        if (generated.size() != conversations.size()) {
            throw new IllegalStateException("inserted " + conversations.size() + " conversations but got " + generated.size() + " ids");
        }
        for (int i = 0; i < conversations.size(); i++) {
            var key = generated.get(i);
            var id = key.size() == 1 ? key.values().iterator().next() : key.get("id");
            conversations.get(i).insertedAs(((Number) id).longValue());
        }
    }

    /**
     * Saves what threading changed in these conversations (subject, dates, count), as one JDBC batch. Called
     * with their rows locked, so no one else changed them since they were loaded; the version still goes up,
     * so that someone who read one before (a split) fails to save over it.
     */
    void update(Collection<Conversation> conversations) {
        if (conversations.isEmpty()) {
            return;
        }
        var rows = conversations.stream().map(c -> new MapSqlParameterSource()
                        .addValue("id", c.id())
                        .addValue("subject", c.subject())
                        .addValue("baseSubject", c.baseSubject())
                        .addValue("first", utc(c.firstMessageAt()))
                        .addValue("last", utc(c.lastMessageAt()))
                        .addValue("count", c.messageCount()))
                .toArray(MapSqlParameterSource[]::new);
        var updated = batch.batchUpdate("""
                update conversations set subject = :subject, base_subject = :baseSubject, first_message_at = :first,
                    last_message_at = :last, message_count = :count, version = version + 1
                where id = :id""", rows);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                throw new OptimisticLockingFailureException("conversation " + rows[i].getValue("id") + " was merged meanwhile");
            }
        }
    }

    /** A message as it goes into its conversation, with its participants (From, To, Cc, Reply-To). */
    record Member(long messageId, long conversationId, String messageIdHeader, String subject, Instant sentAt,
            long mailboxId, String fromAddress, Collection<String> participants) {

        Member in(long otherConversationId) {
            return new Member(messageId, otherConversationId, messageIdHeader, subject, sentAt, mailboxId, fromAddress,
                    participants);
        }
    }

    /** Stores the messages' memberships, their participants and their conversations' mailboxes, as JDBC batches. */
    void addMessages(List<Member> members) {
        if (members.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                insert into conversation_messages
                    (message_id, conversation_id, message_id_header, subject, sent_at, mailbox_id, from_address)
                values (:messageId, :conversationId, :header, :subject, :sentAt, :mailboxId, :fromAddress)""",
                members.stream().map(m -> new MapSqlParameterSource()
                                .addValue("messageId", m.messageId())
                                .addValue("conversationId", m.conversationId())
                                .addValue("header", m.messageIdHeader())
                                .addValue("subject", SubjectNormaliser.truncate(m.subject()))
                                .addValue("sentAt", utc(m.sentAt()))
                                .addValue("mailboxId", m.mailboxId())
                                .addValue("fromAddress", m.fromAddress()))
                        .toArray(MapSqlParameterSource[]::new));
        mailboxes.add(members.stream().map(m -> new ConversationMailboxes.Row(m.conversationId(), m.mailboxId())).toList());
        var participants = new ArrayList<MapSqlParameterSource>();
        for (var member : members) {
            for (var address : new TreeSet<>(member.participants())) {
                participants.add(new MapSqlParameterSource().addValue("messageId", member.messageId()).addValue("address", address));
            }
        }
        if (!participants.isEmpty()) {
            batch.batchUpdate("insert into conversation_message_participants (message_id, address) values (:messageId, :address)",
                    participants.toArray(MapSqlParameterSource[]::new));
        }
    }

    /**
     * Maps these Message-IDs to their conversations, as one JDBC batch. Inserted in sorted order, so that two
     * transactions take their locks in the same order; one that lost a race fails on the primary key and is
     * retried.
     */
    void map(Map<String, Long> conversationByMessageId) {
        if (conversationByMessageId.isEmpty()) {
            return;
        }
        batch.batchUpdate("insert into thread_references (message_id_header, conversation_id) values (:header, :conversationId)",
                new TreeMap<>(conversationByMessageId).entrySet().stream()
                        .map(e -> new MapSqlParameterSource().addValue("header", e.getKey()).addValue("conversationId", e.getValue()))
                        .toArray(MapSqlParameterSource[]::new));
    }

    /** Moves every message and every Message-ID of one conversation to another. */
    void moveAll(long fromConversationId, long toConversationId) {
        for (var table : List.of("conversation_messages", "thread_references")) {
            jdbc.sql("update " + table + " set conversation_id = :to where conversation_id = :from")
                    .param("from", fromConversationId)
                    .param("to", toConversationId)
                    .update();
        }
        mailboxes.refresh(List.of(fromConversationId, toConversationId));
    }

    /** Moves one message, and its own Message-ID, to another conversation. */
    void move(ThreadedMessage message, long toConversationId) {
        jdbc.sql("update conversation_messages set conversation_id = :to where message_id = :messageId")
                .param("to", toConversationId)
                .param("messageId", message.messageId())
                .update();
        jdbc.sql("""
                update thread_references set conversation_id = :to
                where message_id_header = :header and conversation_id = :from""")
                .param("to", toConversationId)
                .param("header", message.messageIdHeader())
                .param("from", message.conversationId())
                .update();
        mailboxes.refresh(List.of(message.conversationId(), toConversationId));
    }

    List<Long> messageIds(long conversationId) {
        return jdbc.sql("select message_id from conversation_messages where conversation_id = :id order by sent_at, message_id")
                .param("id", conversationId)
                .query(Long.class)
                .list();
    }

    MessageSpan span(long conversationId) {
        return jdbc.sql("""
                select count(*), min(sent_at), max(sent_at) from conversation_messages
                where conversation_id = :conversationId""")
                .param("conversationId", conversationId)
                .query((rs, n) -> new MessageSpan(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .single();
    }

    /** The conversations with messages in this mailbox, by their first message there; their messages in date order. */
    List<ConversationLine> threadsOf(long mailboxId) {
        var lines = new LinkedHashMap<Long, List<String>>();
        jdbc.sql("""
                select m.conversation_id, m.message_id_header
                from conversation_messages m
                join (select conversation_id, min(sent_at) as first_at from conversation_messages
                      where mailbox_id = :mailboxId group by conversation_id) f on f.conversation_id = m.conversation_id
                where m.mailbox_id = :mailboxId
                order by f.first_at, m.conversation_id, m.sent_at, m.message_id""")
                .param("mailboxId", mailboxId)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getString(2));
                });
        return lines.entrySet().stream().map(e -> new ConversationLine(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
