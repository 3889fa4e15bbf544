package org.opportune.mail.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import org.opportune.mail.IngestSource;

/** The write side of stored messages: lookups that ingestion needs and the inserts of one new message. */
@Repository
public class MessageStore {

    private final JdbcClient jdbc;

    MessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        jdbc.sql("""
                        insert into messages (message_id_header, dedupe_key, raw_blob_key, raw_size, subject, from_address,
                            from_name, sent_at, received_at, in_reply_to, references_text, text_body, html_body,
                            has_attachments, parse_problems)
                        values (:messageId, :dedupeKey, :rawBlobKey, :rawSize, :subject, :fromAddress, :fromName, :sentAt,
                            :receivedAt, :inReplyTo, :references, :textBody, :htmlBody, :hasAttachments, :problems)
                        """)
                .param("messageId", parsed.messageId())
                .param("dedupeKey", dedupeKey)
                .param("rawBlobKey", rawBlobKey)
                .param("rawSize", rawSize)
                .param("subject", parsed.subject())
                .param("fromAddress", parsed.fromAddress())
                .param("fromName", parsed.fromName())
                .param("sentAt", parsed.sentAt().atOffset(ZoneOffset.UTC))
                .param("receivedAt", receivedAt.atOffset(ZoneOffset.UTC))
                .param("inReplyTo", parsed.inReplyTo())
                .param("references", parsed.references().isEmpty() ? null
                        : String.join(" ", parsed.references().stream().map(id -> "<" + id + ">").toList()))
                .param("textBody", parsed.textBody())
                .param("htmlBody", parsed.htmlBody())
                .param("hasAttachments", !parsed.attachments().isEmpty())
                .param("problems", parsed.problems().isEmpty() ? null : String.join("\n", parsed.problems()))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void insertAddresses(long messageId, List<ParsedMessage.Address> addresses) {
        int position = 0;
        for (var address : addresses) {
            jdbc.sql("""
                            insert into message_addresses (message_id, kind, position, address, name)
                            values (:message, :kind, :position, :address, :name)
                            """)
                    .param("message", messageId).param("kind", address.kind().name()).param("position", position++)
                    .param("address", address.address()).param("name", address.name())
                    .update();
        }
    }

    void insertAttachments(long messageId, List<ParsedMessage.Attachment> attachments, List<String> blobKeys) {
        for (int i = 0; i < attachments.size(); i++) {
            var attachment = attachments.get(i);
            jdbc.sql("""
                            insert into attachments (message_id, position, file_name, content_type, size, blob_key, content_id, inline)
                            values (:message, :position, :fileName, :contentType, :size, :blobKey, :contentId, :inline)
                            """)
                    .param("message", messageId).param("position", i).param("fileName", attachment.fileName())
                    .param("contentType", attachment.contentType()).param("size", (long) attachment.content().length)
                    .param("blobKey", blobKeys.get(i)).param("contentId", attachment.contentId())
                    .param("inline", attachment.inline())
                    .update();
        }
    }

    void link(long messageId, IngestSource source, Instant linkedAt) {
        jdbc.sql("""
                        insert into message_mailboxes (message_id, mailbox_id, folder, uid_validity, uid, origin, linked_at)
                        values (:message, :mailbox, :folder, :uidValidity, :uid, :origin, :linkedAt)
                        """)
                .param("message", messageId).param("mailbox", source.mailboxId()).param("folder", folder(source))
                .param("uidValidity", source.uidValidity()).param("uid", source.uid())
                .param("origin", Texts.truncate(Texts.oneLine(source.origin()), 1000))
                .param("linkedAt", linkedAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    private static String folder(IngestSource source) {
        return Texts.truncate(source.folder(), 255);
    }
}
