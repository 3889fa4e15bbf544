package org.opportune.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Sending replies, prefix {@code opportune.mail.outbox}.
 *
 * @param pollInterval   how often the sender looks for due messages
 * @param maxAttempts    after this many failed attempts a message is marked failed (a person can retry it)
 * @param backoffInitial the wait after the first failure; it doubles with each further one
 * @param backoffMax     the longest wait between attempts
 * @param sendTimeout    how long one SMTP conversation may take
 * @param maxAttachmentSize the most a reply's attachments may add up to (many mail servers refuse
 *                       messages over 25 MB, and base64 makes attachments a third larger)
 */
@ConfigurationProperties("opportune.mail.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration backoffInitial,
        @DefaultValue("1h") Duration backoffMax,
        @DefaultValue("60s") Duration sendTimeout,
        @DefaultValue("15MB") DataSize maxAttachmentSize,
        @DefaultValue("{first} at {mailbox}") String senderName) {

    /**
     * The name the customer sees on a reply, from {@link #senderName}: {@code {first}} is the person's first
     * name, {@code {name}} their whole display name, {@code {mailbox}} the mailbox's name ("Anna at Sales").
     */
    public String senderName(String personName, String mailboxName) {
        var name = personName.strip();
        var first = name.isEmpty() ? "" : name.split("\\s+")[0];
        var text = senderName.replace("{first}", first).replace("{name}", name).replace("{mailbox}", mailboxName.strip())
                .replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? mailboxName.strip() : text;
    }

    /** The wait before attempt {@code attempts + 1}: initial × 2^(attempts − 1), at most {@link #backoffMax}. */
    public Duration backoffAfter(int attempts) {
        var wait = backoffInitial.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }
}
