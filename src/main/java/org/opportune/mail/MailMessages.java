package org.opportune.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.mail.internal.BlobStore;
import org.opportune.mail.internal.MailContentReader;
import org.opportune.mail.internal.MessageQueries;

/** Read access to stored messages for other modules: the parsed message, its raw bytes and its attachments. */
@Service
@Transactional(readOnly = true)
public class MailMessages {

    private final MessageQueries queries;
    private final BlobStore blobs;
    private final MailContentReader reader;

    MailMessages(MessageQueries queries, BlobStore blobs, MailContentReader reader) {
        this.queries = queries;
        this.blobs = blobs;
        this.reader = reader;
    }

    /**
     * Reads a raw message without storing it, as ingestion would parse it, with its top-level header fields.
     *
     * @throws IllegalArgumentException when the message cannot be parsed at all
     */
    public MailContent parse(byte[] raw) {
        return reader.read(raw);
    }

    /**
     * Stored messages as {@link #parse} would read their raw bytes, without parsing them again: the
     * stored subject, sender, addresses, bodies and attachment names, and the header fields read from the
     * start of each raw message. Unknown ids are left out.
     */
    public Map<Long, MailContent> contents(List<Long> ids) {
        var contents = new HashMap<Long, MailContent>();
        for (var stored : queries.contents(ids)) {
            Map<String, String> headers;
            try (var raw = blobs.open(stored.rawBlobKey())) {
                headers = reader.headers(raw);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            contents.put(stored.id(), new MailContent(stored.subject(), stored.fromAddress(), stored.fromName(), stored.addresses(),
                    stored.textBody(), stored.htmlBody(), stored.attachmentNames(), headers));
        }
        return contents;
    }

    /**
     * The facts {@link MessageReceived} carries, for stored messages, read back in one go (for the
     * ids of a {@link MessagesReceived}): the same values the event of a message stored alone carries,
     * participants in header order and without repeats, {@code mailboxId} the mailbox it first arrived in.
     *
     * @return in the order of {@code messageIds}; unknown ids are left out
     */
    public List<MessageReceived> received(List<Long> messageIds) {
        return messageIds.isEmpty() ? List.of() : queries.received(messageIds);
    }

    public Optional<MessageView> message(long id) {
        return queries.message(id);
    }

    /** These messages, in the order of {@code ids}, read together (a thread); unknown ids are left out. */
    public List<MessageView> messages(List<Long> ids) {
        return queries.messages(ids);
    }

    /** Summaries of these messages, for list rows; unknown ids are left out. */
    public List<MessageSummary> summaries(java.util.Collection<Long> messageIds) {
        return messageIds.isEmpty() ? List.of() : queries.summaries(messageIds);
    }

    /**
     * The ids of the newest messages whose subject, sender or text contains {@code text} (ignoring case),
     * newest first, at most {@code limit}.
     */
    public List<Long> search(String text, int limit) {
        return text.isBlank() ? List.of() : queries.search(text.strip(), limit);
    }

    /** The ids of every message linked to that mailbox, oldest first. */
    public List<Long> messageIdsInMailbox(long mailboxId) {
        return queries.messageIdsInMailbox(mailboxId);
    }

    /** The raw message exactly as received; the caller closes the stream. */
    public InputStream raw(long messageId) {
        var key = queries.rawBlobKey(messageId).orElseThrow(() -> MessageNotFoundException.forId("message", messageId));
        return blobs.open(key);
    }

    public Optional<AttachmentView> attachment(long attachmentId) {
        return queries.attachment(attachmentId);
    }

    /** The decoded content of an attachment; the caller closes the stream. */
    public InputStream attachmentContent(long attachmentId) {
        var key = queries.attachmentBlobKey(attachmentId)
                .orElseThrow(() -> MessageNotFoundException.forId("attachment", attachmentId));
        return blobs.open(key);
    }
}
