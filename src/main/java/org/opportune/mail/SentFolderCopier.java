package org.opportune.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.mail.OutboxEvents.SentCopyAppended;
import org.opportune.mail.OutboxEvents.SentCopyFailed;
import org.opportune.mail.internal.BlobStore;
import org.opportune.mail.internal.OutboxStore;
import org.opportune.mail.sync.ImapConnector;
import org.opportune.mail.sync.ImapSettings;

/**
 * Puts each sent reply in its mailbox's Sent folder over IMAP (APPEND, flagged \Seen), as a mail client
 * would: the same bytes that went out by SMTP. A step of its own after the send, so a failure here never
 * sends the mail again; it is retried with the outbox's backoff and, after the outbox's attempts, given up
 * (the message shows why, and a person can retry it). Idempotent: before appending it looks for the
 * Message-ID in the folder, so an APPEND whose answer was lost (or a node that died after it) does not
 * leave two copies. If the Sent folder is also synced, the copy is the same message (same Message-ID and
 * content fingerprint) and ingestion deduplicates it.
 */
class SentFolderCopier {

    private static final Logger log = LoggerFactory.getLogger(SentFolderCopier.class);
    private static final int BATCH = 20;

    private final OutboxStore store;
    private final BlobStore blobs;
    private final MailboxService mailboxes;
    private final ImapConnector connector;
    private final OutboxProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SentFolderCopier(OutboxStore store, BlobStore blobs, MailboxService mailboxes, ImapConnector connector,
            OutboxProperties properties, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.mailboxes = mailboxes;
        this.connector = connector;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${opportune.mail.outbox.poll-interval:2s}", initialDelayString = "${opportune.mail.outbox.poll-interval:2s}")
    void copyDue() {
        for (var id : store.appendsDue(clock.instant(), BATCH)) {
            var now = clock.instant();
            if (!store.takeAppend(id, now, now.plus(properties.sendTimeout().multipliedBy(2)))) {
                continue;
            }
            copy(id);
        }
    }

    private void copy(long id) {
        var entry = store.find(id).orElseThrow();
        var folder = mailboxes.sentFolder(entry.mailboxId());
        var settings = mailboxes.imapSettings(entry.mailboxId());
        if (folder == null || settings == null) {
            store.appendDropped(id);
            log.info("Outbox message {}: the mailbox has no Sent folder any more; not copied", id);
            return;
        }
        var attempts = store.appendAttempts(id);
        try {
            append(entry, settings, folder);
            transactions.executeWithoutResult(status -> {
                store.appended(id, clock.instant());
                events.publishEvent(new SentCopyAppended(id, folder, attempts));
            });
            log.info("Outbox message {} copied to the Sent folder {}", id, folder);
        } catch (MessagingException | RuntimeException e) {
            var reason = reason(e, settings, folder);
            if (attempts >= properties.maxAttempts()) {
                transactions.executeWithoutResult(status -> {
                    store.appendFailed(id, reason + " (gave up after " + attempts + " attempts)");
                    events.publishEvent(new SentCopyFailed(id, folder, reason, attempts));
                });
                log.warn("Outbox message {} not copied to the Sent folder, giving up: {}", id, reason);
            } else {
                var next = clock.instant().plus(properties.backoffAfter(attempts));
                store.appendLater(id, next, reason);
                log.warn("Outbox message {} not copied to the Sent folder (attempt {}), retrying at {}: {}", id, attempts,
                        next, reason);
            }
        }
    }

    private void append(OutboxEntry entry, ImapSettings settings, String folderName)
            throws MessagingException {
        MimeMessage message;
        try (var raw = blobs.open(store.rawBlobKey(entry.id()))) {
            message = new MimeMessage(Session.getInstance(new Properties()), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        message.setFlag(Flags.Flag.SEEN, true);
        try (var imap = connector.connect(settings, properties.sendTimeout())) {
            var folder = imap.getFolder(folderName);
            if (!folder.exists()) {
                throw new MissingFolder(folderName);
            }
            if (alreadyThere(folder, entry.messageIdHeader())) {
                return;
            }
            if (folder instanceof IMAPFolder imapFolder) {
                imapFolder.appendUIDMessages(new Message[] {message});
            } else {
                folder.appendMessages(new Message[] {message});
            }
        }
    }

    /** Whether a message with this Message-ID (without angle brackets, as the outbox keeps it) is in the folder. */
    private static boolean alreadyThere(Folder folder, String messageIdHeader) throws MessagingException {
        folder.open(Folder.READ_ONLY);
        try {
            for (var found : folder.search(new MessageIDTerm(messageIdHeader))) {
                var ids = found.getHeader("Message-ID");
                if (ids != null && Arrays.stream(ids).anyMatch(value -> value.strip().equals("<" + messageIdHeader + ">"))) {
                    return true;
                }
            }
            return false;
        } finally {
            folder.close(false);
        }
    }

    private static String reason(Exception e, ImapSettings settings, String folder) {
        if (e instanceof MissingFolder) {
            return "The IMAP server has no folder \"" + folder + "\" (the mailbox's Sent folder). An admin checks it under "
                    + "Admin → Mailboxes.";
        }
        return ImapConnector.describe(e, settings).message();
    }

    /** The Sent folder does not exist on the server. */
    private static final class MissingFolder extends RuntimeException {
        MissingFolder(String folder) {
            super("no folder " + folder);
        }
    }
}
