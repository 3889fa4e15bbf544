package org.opportune.mail.internal;

import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.postgresql.PGStatement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import org.opportune.mail.IngestSource;
import org.opportune.shared.SearchText;

/**
 * The write side of stored messages: lookups that ingestion needs, the inserts of one new message,
 * and the same for a batch: on PostgreSQL with one {@code = any(?)} lookup and COPY ({@link PostgresCopy}), on H2
 * with one {@code in (...)} query per 500 keys and JDBC batches.
 */
@Repository
public class MessageStore {

    private static final int IN_LIST = 500;

    // each parameter is named as its column, so that COPY (PostgresCopy) takes the same rows
    private static final String INSERT_MESSAGE = """
            insert into messages (message_id_header, dedupe_key, raw_blob_key, raw_size, subject, from_address,
                from_name, sent_at, received_at, in_reply_to, references_text, text_body, html_body,
                has_attachments, parse_problems)
            values (:message_id_header, :dedupe_key, :raw_blob_key, :raw_size, :subject, :from_address, :from_name,
                :sent_at, :received_at, :in_reply_to, :references_text, :text_body, :html_body, :has_attachments,
                :parse_problems)
            """;
    private static final String INSERT_ADDRESS = """
            insert into message_addresses (message_id, kind, position, address, name)
            values (:message_id, :kind, :position, :address, :name)
            """;
    private static final String INSERT_ATTACHMENT = """
            insert into attachments (message_id, position, file_name, content_type, size, blob_key, content_id, inline)
            values (:message_id, :position, :file_name, :content_type, :size, :blob_key, :content_id, :inline)
            """;
    private static final String INSERT_LINK = """
            insert into message_mailboxes (message_id, mailbox_id, folder, uid_validity, uid, origin, linked_at)
            values (:message_id, :mailbox_id, :folder, :uid_validity, :uid, :origin, :linked_at)
            """;

    /** A message to link to the mailbox (and folder, UID) of a source. */
    record Link(long messageId, IngestSource source) {
    }

    private static final String SEARCH_VECTOR = "mail_search_vector(subject, from_name, from_address, text_body)";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;
    private final boolean postgres;
    private final boolean copy;

    @Autowired
    MessageStore(JdbcClient jdbc, NamedParameterJdbcOperations batch, DataSource dataSource) {
        this(jdbc, batch, SearchText.fullText(dataSource), true);
    }

    /**
     * @param postgres       the database is PostgreSQL: messages have a search vector, and batches may go in with COPY
     * @param copyOnPostgres false for JDBC batches on PostgreSQL too: the path a test compares COPY with
     */
    MessageStore(JdbcClient jdbc, NamedParameterJdbcOperations batch, boolean postgres, boolean copyOnPostgres) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.postgres = postgres;
        this.copy = postgres && copyOnPostgres;
    }

    /**
     * Fresh planner statistics for the tables an import grew. A first import takes them from empty to hundreds of
     * thousands of rows in a minute, faster than autovacuum analyses them, and the follow-up work right after it
     * (reading the facts of each batch by message id) then ran with plans made for empty tables: a scan of the table
     * per batch instead of an index lookup. PostgreSQL only; H2 plans by its indexes anyway.
     */
    public void refreshStatistics() {
        if (postgres) {
            jdbc.sql("analyze messages, message_addresses, message_mailboxes, attachments").update();
        }
    }

    /** Whether messages have a search vector to fill (PostgreSQL; H2 searches with {@code LIKE}). */
    boolean hasSearchVector() {
        return postgres;
    }

    /** Fills the search vector of one message, in the caller's transaction (a message stored alone). */
    void indexForSearch(long messageId) {
        if (postgres) {
            jdbc.sql("update messages set search_vector = " + SEARCH_VECTOR + " where id = :id").param("id", messageId).update();
        }
    }

    /**
     * Fills the search vector of up to {@code limit} messages that have none, oldest first, skipping rows
     * another node is indexing at the same moment.
     *
     * @return how many it filled (0 when none is left)
     */
    int indexPendingForSearch(int limit) {
        if (!postgres) {
            return 0;
        }
        return jdbc.sql("update messages set search_vector = " + SEARCH_VECTOR
                        + " where id in (select id from messages where search_vector is null order by id limit :limit"
                        + " for update skip locked)")
                .param("limit", limit).update();
    }

    /** The ids of those fingerprints that are stored. */
    Map<String, Long> findByDedupeKeys(Collection<String> dedupeKeys) {
        var found = new HashMap<String, Long>();
        if (postgres) {
            batch.getJdbcOperations().query(connection -> {
                var statement = connection.prepareStatement("select id, dedupe_key from messages where dedupe_key = any(?)");
                // planned for these keys and the table's size every time: a generic plan, which the driver's server-side
                // statement gets after a few runs, keeps the seq scan it chose while the table was small (on a first
                // import: 50-130 ms a lookup after 6,000 messages, growing with every batch)
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                statement.setObject(1, dedupeKeys.toArray(String[]::new));
                return statement;
            }, (RowCallbackHandler) rs -> found.put(rs.getString("dedupe_key"), rs.getLong("id")));
            return found;
        }
        var keys = List.copyOf(dedupeKeys);
        for (int from = 0; from < keys.size(); from += IN_LIST) {
            jdbc.sql("select id, dedupe_key from messages where dedupe_key in (:keys)")
                    .param("keys", keys.subList(from, Math.min(keys.size(), from + IN_LIST)))
                    .query((rs, n) -> found.put(rs.getString("dedupe_key"), rs.getLong("id"))).list();
        }
        return found;
    }

    /** Which of these messages are linked to the source's mailbox and folder. */
    List<Long> linkedMessageIds(IngestSource source, List<Long> messageIds) {
        var linked = new ArrayList<Long>();
        var ids = messageIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += IN_LIST) {
            linked.addAll(jdbc.sql("""
                            select message_id from message_mailboxes
                            where mailbox_id = :mailbox and folder = :folder and message_id in (:ids)
                            """)
                    .param("mailbox", source.mailboxId()).param("folder", folder(source))
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + IN_LIST)))
                    .query(Long.class).list());
        }
        return linked;
    }

    /**
     * Inserts the messages: on PostgreSQL with COPY and ids taken from the sequence first, otherwise as one JDBC batch.
     *
     * @return their ids by fingerprint, ascending in the order of the list (as the generated keys of the inserts)
     */
    Map<String, Long> insertMessages(List<Ingestion> ingestions) {
        var rows = ingestions.stream().map(i -> messageRow(i.parsed(), i.dedupeKey, i.rawBlobKey, i.raw.length, i.receivedAt))
                .toList();
        var generated = copy ? copyMessages(rows) : batchInsertMessages(rows);
        if (generated.size() != ingestions.size()) {
            throw new IllegalStateException("inserted " + ingestions.size() + " messages but got " + generated.size() + " ids");
        }
        var ids = new HashMap<String, Long>();
        for (int i = 0; i < ingestions.size(); i++) {
            ids.put(ingestions.get(i).dedupeKey, generated.get(i));
        }
        return ids;
    }

    private List<Long> batchInsertMessages(List<MapSqlParameterSource> rows) {
        var keys = new GeneratedKeyHolder();
        batch.batchUpdate(INSERT_MESSAGE, rows.toArray(MapSqlParameterSource[]::new), keys, new String[] {"id"});
        return keys.getKeyList().stream()
                .map(key -> ((Number) (key.size() == 1 ? key.values().iterator().next() : key.get("id"))).longValue())
                .toList();
    }

    /** The ids from the column's sequence, as the inserts would take them, then the rows with their ids. */
    private List<Long> copyMessages(List<MapSqlParameterSource> rows) {
        var ids = jdbc.sql("select nextval(pg_get_serial_sequence('messages', 'id')) from generate_series(1, :count)")
                .param("count", rows.size()).query(Long.class).list().stream().sorted().toList();
        var withIds = new ArrayList<MapSqlParameterSource>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            var row = new MapSqlParameterSource("id", ids.get(i));
            row.addValues(rows.get(i).getValues());
            withIds.add(row);
        }
        PostgresCopy.copy(batch.getJdbcOperations(), "messages", withIds);
        return ids;
    }

    void insertAddressesAndAttachments(List<Ingestion> ingestions, Map<String, Long> ids) {
        var addresses = new ArrayList<MapSqlParameterSource>();
        var attachments = new ArrayList<MapSqlParameterSource>();
        for (var ingestion : ingestions) {
            long id = ids.get(ingestion.dedupeKey);
            int position = 0;
            for (var address : ingestion.parsed().addresses()) {
                addresses.add(addressRow(id, position++, address));
            }
            var parts = ingestion.parsed().attachments();
            for (int i = 0; i < parts.size(); i++) {
                attachments.add(attachmentRow(id, i, parts.get(i), ingestion.attachmentBlobKeys.get(i)));
            }
        }
        insertAll("message_addresses", INSERT_ADDRESS, addresses);
        insertAll("attachments", INSERT_ATTACHMENT, attachments);
    }

    void link(List<Link> links, Instant linkedAt) {
        insertAll("message_mailboxes", INSERT_LINK, links.stream().map(l -> linkRow(l.messageId(), l.source(), linkedAt)).toList());
    }

    private void insertAll(String table, String insert, List<MapSqlParameterSource> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (copy) {
            PostgresCopy.copy(batch.getJdbcOperations(), table, rows);
        } else {
            batch.batchUpdate(insert, rows.toArray(MapSqlParameterSource[]::new));
        }
    }

    Optional<Long> findByUid(IngestSource source) {
        return jdbc.sql("""
                        select message_id from message_mailboxes
                        where mailbox_id = :mailbox and folder = :folder and uid_validity = :uidValidity and uid = :uid
                        """)
                .param("mailbox", source.mailboxId())
                .param("folder", folder(source))
                .param("uidValidity", source.uidValidity())
                .param("uid", source.uid())
                .query(Long.class).optional();
    }

    Optional<Long> findByDedupeKey(String dedupeKey) {
        return jdbc.sql("select id from messages where dedupe_key = :key").param("key", dedupeKey)
                .query(Long.class).optional();
    }

    boolean isLinked(long messageId, IngestSource source) {
        return jdbc.sql("""
                        select count(*) from message_mailboxes
                        where message_id = :message and mailbox_id = :mailbox and folder = :folder
                        """)
                .param("message", messageId).param("mailbox", source.mailboxId()).param("folder", folder(source))
                .query(Long.class).single() > 0;
    }

    long insertMessage(ParsedMessage parsed, String dedupeKey, String rawBlobKey, long rawSize, Instant receivedAt) {
        var keys = new GeneratedKeyHolder();
        batch.update(INSERT_MESSAGE, messageRow(parsed, dedupeKey, rawBlobKey, rawSize, receivedAt), keys, new String[] {"id"});
        return keys.getKeyAs(Number.class).longValue();
    }

    void insertAddresses(long messageId, List<ParsedMessage.Address> addresses) {
        int position = 0;
        for (var address : addresses) {
            batch.update(INSERT_ADDRESS, addressRow(messageId, position++, address));
        }
    }

    void insertAttachments(long messageId, List<ParsedMessage.Attachment> attachments, List<String> blobKeys) {
        for (int i = 0; i < attachments.size(); i++) {
            batch.update(INSERT_ATTACHMENT, attachmentRow(messageId, i, attachments.get(i), blobKeys.get(i)));
        }
    }

    void link(long messageId, IngestSource source, Instant linkedAt) {
        batch.update(INSERT_LINK, linkRow(messageId, source, linkedAt));
    }

    private static MapSqlParameterSource messageRow(ParsedMessage parsed, String dedupeKey, String rawBlobKey, long rawSize,
            Instant receivedAt) {
        return new MapSqlParameterSource()
                .addValue("message_id_header", parsed.messageId())
                .addValue("dedupe_key", dedupeKey)
                .addValue("raw_blob_key", rawBlobKey)
                .addValue("raw_size", rawSize)
                .addValue("subject", parsed.subject())
                .addValue("from_address", parsed.fromAddress())
                .addValue("from_name", parsed.fromName(), Types.VARCHAR)
                .addValue("sent_at", parsed.sentAt().atOffset(ZoneOffset.UTC))
                .addValue("received_at", receivedAt.atOffset(ZoneOffset.UTC))
                .addValue("in_reply_to", parsed.inReplyTo(), Types.VARCHAR)
                .addValue("references_text", parsed.references().isEmpty() ? null
                        : String.join(" ", parsed.references().stream().map(id -> "<" + id + ">").toList()), Types.VARCHAR)
                .addValue("text_body", parsed.textBody(), Types.VARCHAR)
                .addValue("html_body", parsed.htmlBody(), Types.VARCHAR)
                .addValue("has_attachments", !parsed.attachments().isEmpty())
                .addValue("parse_problems", parsed.problems().isEmpty() ? null : String.join("\n", parsed.problems()), Types.VARCHAR);
    }

    private static MapSqlParameterSource addressRow(long messageId, int position, ParsedMessage.Address address) {
        return new MapSqlParameterSource()
                .addValue("message_id", messageId).addValue("kind", address.kind().name()).addValue("position", position)
                .addValue("address", address.address()).addValue("name", address.name(), Types.VARCHAR);
    }

    private static MapSqlParameterSource attachmentRow(long messageId, int position, ParsedMessage.Attachment attachment,
            String blobKey) {
        return new MapSqlParameterSource()
                .addValue("message_id", messageId).addValue("position", position).addValue("file_name", attachment.fileName())
                .addValue("content_type", attachment.contentType()).addValue("size", (long) attachment.content().length)
                .addValue("blob_key", blobKey).addValue("content_id", attachment.contentId(), Types.VARCHAR)
                .addValue("inline", attachment.inline());
    }

    private static MapSqlParameterSource linkRow(long messageId, IngestSource source, Instant linkedAt) {
        return new MapSqlParameterSource()
                .addValue("message_id", messageId).addValue("mailbox_id", source.mailboxId()).addValue("folder", folder(source))
                .addValue("uid_validity", source.uidValidity()).addValue("uid", source.uid(), Types.BIGINT)
                .addValue("origin", Texts.truncate(Texts.oneLine(source.origin()), 1000))
                .addValue("linked_at", linkedAt.atOffset(ZoneOffset.UTC));
    }

    static String folder(IngestSource source) {
        return Texts.truncate(source.folder(), 255);
    }
}
