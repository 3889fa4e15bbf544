package org.opportune.mail.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.opportune.mail.AttachmentView;
import org.opportune.mail.MessageReceived;
import org.opportune.mail.MessageSummary;
import org.opportune.mail.MessageView;
import org.opportune.mail.MessageView.MessageAddress;
import org.opportune.shared.SearchText;

/** The read side of stored messages. */
@Repository
public class MessageQueries {

    private final JdbcClient jdbc;
    private final boolean fullText;

    MessageQueries(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.fullText = SearchText.fullText(dataSource);
    }

    public Optional<MessageView> message(long id) {
        return jdbc.sql("""
                        select id, message_id_header, subject, from_address, from_name, sent_at, received_at, in_reply_to,
                               references_text, text_body, html_body, raw_size, parse_problems
                        from messages where id = :id
                        """)
                .param("id", id)
                .query((rs, n) -> view(rs))
                .optional();
    }

    /** These messages in the order of {@code ids}, with their addresses, attachments and mailboxes: four queries in all. */
    public List<MessageView> messages(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var addresses = addresses(ids);
        var attachments = new HashMap<Long, List<AttachmentView>>();
        jdbc.sql("""
                        select id, message_id, file_name, content_type, size, content_id, inline
                        from attachments where message_id in (:ids) order by message_id, position
                        """)
                .param("ids", ids)
                .query((rs, n) -> attachment(rs, n)).list()
                .forEach(a -> attachments.computeIfAbsent(a.messageId(), k -> new ArrayList<>()).add(a));
        var mailboxes = new HashMap<Long, List<Long>>();
        jdbc.sql("select distinct message_id, mailbox_id from message_mailboxes where message_id in (:ids) order by message_id, mailbox_id")
                .param("ids", ids)
                .query(rs -> {
                    mailboxes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        var byId = new HashMap<Long, MessageView>();
        jdbc.sql("""
                        select id, message_id_header, subject, from_address, from_name, sent_at, received_at, in_reply_to,
                               references_text, text_body, html_body, raw_size, parse_problems
                        from messages where id in (:ids)
                        """)
                .param("ids", ids)
                .query((rs, n) -> view(rs, addresses.getOrDefault(rs.getLong("id"), List.of()),
                        attachments.getOrDefault(rs.getLong("id"), List.of()), mailboxes.getOrDefault(rs.getLong("id"), List.of())))
                .list()
                .forEach(view -> byId.put(view.id(), view));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * What triage and other readers of a message's content need of these messages, as stored: one query
     * each for the messages, their addresses and their attachment names, per 500 ids.
     */
    public List<StoredContent> contents(List<Long> ids) {
        var contents = new ArrayList<StoredContent>(ids.size());
        for (int from = 0; from < ids.size(); from += 500) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            var addresses = addresses(chunk);
            var attachments = new HashMap<Long, List<String>>();
            jdbc.sql("select message_id, file_name from attachments where message_id in (:ids) order by message_id, position")
                    .param("ids", chunk)
                    .query(rs -> {
                        attachments.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    });
            jdbc.sql("select id, raw_blob_key, subject, from_address, from_name, text_body, html_body from messages where id in (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        var id = rs.getLong("id");
                        contents.add(new StoredContent(id, rs.getString("raw_blob_key"), rs.getString("subject"),
                                rs.getString("from_address"), rs.getString("from_name"), addresses.getOrDefault(id, List.of()),
                                rs.getString("text_body"), rs.getString("html_body"), attachments.getOrDefault(id, List.of())));
                    });
        }
        return contents;
    }

    /**
     * The facts of {@link MessageReceived} of these messages, read back from what ingestion stored: the same
     * values as the event of a message stored alone carries. Two queries per 500 ids (the messages with the
     * mailbox each was first linked to, then their addresses); not one join, which would repeat a message's
     * References, up to 500 of them, on every address row.
     *
     * @return in the order of {@code ids}; unknown ids (and messages in no mailbox) are left out
     */
    public List<MessageReceived> received(List<Long> ids) {
        var byId = new HashMap<Long, MessageReceived>();
        for (int from = 0; from < ids.size(); from += 500) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            var participants = new HashMap<Long, Set<String>>();
            jdbc.sql("select message_id, address from message_addresses where message_id in (:ids) order by message_id, position")
                    .param("ids", chunk)
                    .query(rs -> {
                        var address = rs.getString(2);
                        if (!address.isEmpty()) {
                            participants.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>()).add(address);
                        }
                    });
            // the first link is the mailbox the message arrived in: ingestion links it there in the transaction
            // that stores it, before any other mailbox can. Read apart, by the index on message_id: as a subquery
            // "order by l.id limit 1" per message, PostgreSQL walked the primary key of message_mailboxes and
            // filtered, the whole table per message (0.5 s a batch after 100,000 imported); as a join, it read the
            // whole table for every batch
            var firstLinks = new HashMap<Long, long[]>();
            jdbc.sql("select message_id, id, mailbox_id from message_mailboxes where message_id in (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        var link = new long[] {rs.getLong(2), rs.getLong(3)};
                        firstLinks.merge(rs.getLong(1), link, (a, b) -> a[0] <= b[0] ? a : b);
                    });
            jdbc.sql("""
                            select m.id, m.message_id_header, m.in_reply_to, m.references_text, m.subject, m.from_address,
                                   m.from_name, m.sent_at
                            from messages m
                            where m.id in (:ids)
                            """)
                    .param("ids", chunk)
                    .query(rs -> {
                        var id = rs.getLong("id");
                        var firstLink = firstLinks.get(id);
                        if (firstLink == null) {
                            return; // never linked: cannot happen to a message ingestion stored
                        }
                        var mailboxId = firstLink[1];
                        byId.put(id, new MessageReceived(id, rs.getString("message_id_header"), rs.getString("in_reply_to"),
                                storedReferences(rs.getString("references_text")), rs.getString("subject"),
                                rs.getString("from_address"), rs.getString("from_name"),
                                List.copyOf(participants.getOrDefault(id, Set.of())),
                                rs.getObject("sent_at", OffsetDateTime.class).toInstant(), mailboxId));
                    });
        }
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    /**
     * The References as the parser read them, from {@code MessageStore}'s "&lt;id&gt; &lt;id&gt;" text. Split at the
     * spaces rather than parsed again: the parser's ids have no spaces, but one without angle brackets in the
     * header can contain a bracket of its own ({@code <abc@host}), which a parse of the text would cut off.
     */
    static List<String> storedReferences(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split(" ")).map(id -> id.substring(1, id.length() - 1)).toList();
    }

    /** The addresses of these messages, in header order, with one query. */
    private Map<Long, List<MessageAddress>> addresses(List<Long> ids) {
        var addresses = new HashMap<Long, List<MessageAddress>>();
        jdbc.sql("select message_id, kind, address, name from message_addresses where message_id in (:ids) order by message_id, position")
                .param("ids", ids)
                .query(rs -> {
                    addresses.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new MessageAddress(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        return addresses;
    }

    /** The stored parse of a message: the fields of {@link org.opportune.mail.MailContent} but its header fields. */
    public record StoredContent(long id, String rawBlobKey, String subject, String fromAddress, @Nullable String fromName,
            List<MessageAddress> addresses, @Nullable String textBody, @Nullable String htmlBody, List<String> attachmentNames) {
    }

    public List<MessageSummary> summaries(Collection<Long> messageIds) {
        return jdbc.sql("""
                        select id, from_address, from_name, sent_at, has_attachments,
                               substring(text_body from 1 for 600) as text_start,
                               substring(html_body from 1 for 4000) as html_start
                        from messages where id in (:ids)""")
                .param("ids", List.copyOf(messageIds))
                .query((rs, n) -> new MessageSummary(rs.getLong("id"), rs.getString("from_address"),
                        rs.getString("from_name"), rs.getObject("sent_at", OffsetDateTime.class).toInstant(),
                        Snippets.of(rs.getString("text_start"), rs.getString("html_start")),
                        rs.getBoolean("has_attachments")))
                .list();
    }

    /**
     * The newest messages whose subject, sender or text matches: on PostgreSQL by full-text search (every
     * word of {@code text} is a word of the message, the last may be the start of one; the {@code search_vector}
     * column and its GIN index), on H2 by {@code LIKE} (the text as a substring).
     */
    public List<Long> search(String text, int limit) {
        if (fullText) {
            var query = SearchText.wordQuery(text);
            if (query.isEmpty()) {
                return List.of();
            }
            return query.get().bind(jdbc.sql("""
                            select id from messages
                            where %s
                            order by sent_at desc
                            limit :limit""".formatted(query.get().condition("search_vector"))))
                    .param("limit", limit)
                    .query(Long.class)
                    .list();
        }
        return jdbc.sql("""
                        select id from messages
                        where lower(subject) like :pattern or lower(from_address) like :pattern
                           or lower(coalesce(from_name, '')) like :pattern or lower(text_body) like :pattern
                        order by sent_at desc
                        limit :limit""")
                .param("pattern", SearchText.likePattern(text))
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    public List<Long> messageIdsInMailbox(long mailboxId) {
        return jdbc.sql("select distinct message_id from message_mailboxes where mailbox_id = :mailbox order by message_id")
                .param("mailbox", mailboxId).query(Long.class).list();
    }

    public Optional<String> rawBlobKey(long messageId) {
        return jdbc.sql("select raw_blob_key from messages where id = :id").param("id", messageId).query(String.class).optional();
    }

    public Optional<AttachmentView> attachment(long attachmentId) {
        return jdbc.sql("""
                        select id, message_id, file_name, content_type, size, content_id, inline
                        from attachments where id = :id
                        """)
                .param("id", attachmentId).query(MessageQueries::attachment).optional();
    }

    public Optional<String> attachmentBlobKey(long attachmentId) {
        return jdbc.sql("select blob_key from attachments where id = :id").param("id", attachmentId)
                .query(String.class).optional();
    }

    public long countMessages() {
        return jdbc.sql("select count(*) from messages").query(Long.class).single();
    }

    private MessageView view(ResultSet rs) throws SQLException {
        var id = rs.getLong("id");
        var addresses = jdbc.sql("select kind, address, name from message_addresses where message_id = :id order by position")
                .param("id", id)
                .query((r, n) -> new MessageAddress(r.getString("kind"), r.getString("address"), r.getString("name")))
                .list();
        var attachments = jdbc.sql("""
                        select id, message_id, file_name, content_type, size, content_id, inline
                        from attachments where message_id = :id order by position
                        """)
                .param("id", id).query(MessageQueries::attachment).list();
        var mailboxes = jdbc.sql("select distinct mailbox_id from message_mailboxes where message_id = :id order by mailbox_id")
                .param("id", id).query(Long.class).list();
        return view(rs, addresses, attachments, mailboxes);
    }

    private static MessageView view(ResultSet rs, List<MessageAddress> addresses, List<AttachmentView> attachments,
            List<Long> mailboxes) throws SQLException {
        var references = rs.getString("references_text");
        var problems = rs.getString("parse_problems");
        return new MessageView(rs.getLong("id"), rs.getString("message_id_header"), rs.getString("subject"), rs.getString("from_address"),
                rs.getString("from_name"), addresses, rs.getObject("sent_at", OffsetDateTime.class).toInstant(),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getString("in_reply_to"),
                storedReferences(references), rs.getString("text_body"),
                rs.getString("html_body"), attachments, mailboxes, rs.getLong("raw_size"),
                problems == null ? List.of() : Arrays.asList(problems.split("\n")));
    }

    private static AttachmentView attachment(ResultSet rs, int rowNum) throws SQLException {
        return new AttachmentView(rs.getLong("id"), rs.getLong("message_id"), rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("size"), rs.getString("content_id"), rs.getBoolean("inline"));
    }
}
