package org.opportune.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.mail.OutboxEvents.ReplyFailed;
import org.opportune.mail.OutboxEvents.ReplySent;
import org.opportune.mail.internal.BlobStore;
import org.opportune.mail.internal.OutboxStore;

/**
 * Sends what is due in the outbox over each mailbox's SMTP server. A failure the server calls
 * permanent (a rejected recipient, a 5xx answer) marks the message failed at once; anything else
 * (server down, timeout, 4xx) is retried with backoff until the attempts run out. Several nodes may
 * run this: an entry is taken by one guarded update, and one that was taken by a node that died is
 * taken again when its lock runs out.
 */
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 20;

    private final OutboxStore store;
    private final BlobStore blobs;
    private final MailboxService mailboxes;
    private final OutboxProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OutboxSender(OutboxStore store, BlobStore blobs, MailboxService mailboxes, OutboxProperties properties,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.mailboxes = mailboxes;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${opportune.mail.outbox.poll-interval:2s}", initialDelayString = "${opportune.mail.outbox.poll-interval:2s}")
    void sendDue() {
        for (var id : store.due(clock.instant(), BATCH)) {
            var now = clock.instant();
            if (!store.take(id, now, now.plus(properties.sendTimeout().multipliedBy(2)))) {
                continue;
            }
            var entry = store.find(id).orElseThrow();
            try {
                send(entry);
                var appendToSent = mailboxes.sentFolder(entry.mailboxId()) != null;
                transactions.executeWithoutResult(status -> {
                    store.sent(id, clock.instant(), appendToSent);
                    events.publishEvent(new ReplySent(id, entry.recipients(), entry.attempts()));
                });
                log.info("Sent outbox message {} to {}", id, entry.recipients());
            } catch (PermanentFailure e) {
                fail(entry, e.getMessage());
            } catch (MessagingException | RuntimeException e) {
                var reason = reason(e);
                if (entry.attempts() >= properties.maxAttempts()) {
                    fail(entry, reason + " (gave up after " + entry.attempts() + " attempts)");
                } else {
                    var next = clock.instant().plus(properties.backoffAfter(entry.attempts()));
                    store.retryLater(id, next, reason);
                    log.warn("Outbox message {} not sent (attempt {}), retrying at {}: {}", id, entry.attempts(), next, reason);
                }
            }
        }
    }

    private void fail(OutboxEntry entry, String reason) {
        transactions.executeWithoutResult(status -> {
            store.failed(entry.id(), reason);
            events.publishEvent(new ReplyFailed(entry.id(), reason, entry.attempts()));
        });
        log.warn("Outbox message {} failed: {}", entry.id(), reason);
    }

    private void send(OutboxEntry entry) throws MessagingException {
        var settings = mailboxes.smtpSettings(entry.mailboxId());
        if (settings == null) {
            throw new PermanentFailure("The mailbox has no SMTP server. An admin sets one up under Admin → Mailboxes.");
        }
        var session = Session.getInstance(properties(settings));
        MimeMessage message;
        try (var raw = blobs.open(store.rawBlobKey(entry.id()))) {
            message = new MimeMessage(session, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var recipients = message.getAllRecipients();
        try (var transport = session.getTransport("smtp")) {
            if (settings.username() != null && settings.password() != null) {
                transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
            } else {
                transport.connect(settings.host(), settings.port(), null, null);
            }
            transport.sendMessage(message, recipients == null ? new Address[0] : recipients);
        } catch (AuthenticationFailedException e) {
            throw new PermanentFailure("The SMTP server refused the mailbox's user or password. An admin checks them under Admin → Mailboxes.");
        } catch (SendFailedException e) {
            if (e.getNextException() instanceof SMTPAddressFailedException failed && failed.getReturnCode() >= 500) {
                throw new PermanentFailure("The server refused the recipient " + failed.getAddress() + ": "
                        + failed.getMessage().strip());
            }
            throw e;
        }
    }

    private Properties properties(SmtpSettings settings) {
        var props = new Properties();
        var timeout = Long.toString(properties.sendTimeout().toMillis());
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        props.put("mail.smtp.from", settings.mailboxAddress());
        if (settings.username() != null && settings.password() != null) {
            props.put("mail.smtp.auth", "true");
        }
        switch (settings.security()) {
            case TLS -> {
                props.put("mail.smtp.ssl.enable", "true");
                props.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case STARTTLS -> {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true");
                props.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> { }
        }
        return props;
    }

    private static String reason(Exception e) {
        var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (e instanceof MessagingException m && m.getNextException() != null && m.getNextException().getMessage() != null) {
            message = message + ": " + m.getNextException().getMessage().strip();
        }
        return message.isEmpty() ? "The mail server did not accept the message." : message;
    }

    /** A failure that trying again will not fix. */
    private static final class PermanentFailure extends RuntimeException {
        PermanentFailure(String message) {
            super(message);
        }
    }
}
