package org.opportune.mail.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import org.opportune.mail.AttachmentView;
import org.opportune.mail.MessageSummary;
import org.opportune.mail.MessageView;
import org.opportune.mail.MessageView.MessageAddress;

/** The read side of stored messages. */
@Repository
public class MessageQueries {

    private final JdbcClient jdbc;

    MessageQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    public List<Long> search(String text, int limit) {
        var pattern = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return jdbc.sql("""
                        select id from messages
                        where lower(subject) like :pattern or lower(from_address) like :pattern
                           or lower(coalesce(from_name, '')) like :pattern or lower(text_body) like :pattern
                        order by sent_at desc
                        limit :limit""")
                .param("pattern", pattern)
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
        var references = rs.getString("references_text");
        var problems = rs.getString("parse_problems");
        return new MessageView(id, rs.getString("message_id_header"), rs.getString("subject"), rs.getString("from_address"),
                rs.getString("from_name"), addresses, rs.getObject("sent_at", OffsetDateTime.class).toInstant(),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getString("in_reply_to"),
                references == null ? List.of() : MessageParser.ids(references), rs.getString("text_body"),
                rs.getString("html_body"), attachments, mailboxes, rs.getLong("raw_size"),
                problems == null ? List.of() : Arrays.asList(problems.split("\n")));
    }

    private static AttachmentView attachment(ResultSet rs, int rowNum) throws SQLException {
        return new AttachmentView(rs.getLong("id"), rs.getLong("message_id"), rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("size"), rs.getString("content_id"), rs.getBoolean("inline"));
    }
}
