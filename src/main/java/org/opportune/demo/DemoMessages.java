package org.opportune.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.jspecify.annotations.Nullable;

import org.opportune.demo.DemoMail.Entry;

/**
 * Builds the demo's MIME messages: dated relative to the clock, with stable Message-IDs (so a later
 * import of the reseeded server recognises them) and In-Reply-To/References for every reply.
 */
final class DemoMessages {

    private final DemoMail mail;
    private final Session session = Session.getInstance(new Properties());

    DemoMessages(DemoMail mail) {
        this.mail = mail;
    }

    /** Every message of the seed, oldest first in file order, with the shared mailboxes it is delivered to. */
    List<Seed> build(Clock clock) {
        var today = LocalDate.now(clock);
        var byKey = new HashMap<String, Seed>();
        var seeds = new ArrayList<Seed>();
        for (var entry : mail.entries()) {
            var parent = entry.inReplyTo() == null ? null : byKey.get(entry.inReplyTo());
            var seed = seed(entry, parent, today.minusDays(entry.daysAgo()).atTime(entry.time()).atZone(clock.getZone()).toInstant());
            byKey.put(entry.key(), seed);
            seeds.add(seed);
        }
        return seeds;
    }

    private Seed seed(Entry entry, @Nullable Seed parent, Instant date) {
        try {
            var id = messageId(entry);
            var references = references(entry, parent);
            var message = new SeededMessage(session, id);
            message.setFrom(address(entry.from()));
            message.setRecipients(RecipientType.TO, addresses(entry.to()));
            if (!entry.cc().isEmpty()) {
                message.setRecipients(RecipientType.CC, addresses(entry.cc()));
            }
            if (entry.replyTo() != null) {
                message.setReplyTo(new InternetAddress[] {address(entry.replyTo())});
            }
            message.setSubject(entry.subject(), "UTF-8");
            message.setSentDate(Date.from(date));
            if (!references.isEmpty()) {
                message.setHeader("In-Reply-To", references.get(references.size() - 1));
                message.setHeader("References", String.join(" ", references));
            }
            for (var header : entry.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            setContent(message, entry);
            message.saveChanges();
            return new Seed(entry, id, date, message, references, mailboxesOf(entry));
        } catch (MessagingException e) {
            throw new IllegalStateException("Demo mail " + entry.key() + " cannot be built: " + e.getMessage(), e);
        }
    }

    /** Stable across starts: the key and a short hash at the sender's domain, as mail clients write them. */
    String messageId(Entry entry) {
        var sender = entry.from().replaceAll(".*<|>.*", "").trim();
        var domain = sender.substring(sender.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        return "<" + entry.key() + "." + shortHash(entry.key()) + "@" + domain + ">";
    }

    private List<String> references(Entry entry, @Nullable Seed parent) {
        if (entry.inReplyTo() == null) {
            return List.of();
        }
        if (parent == null) {
            return List.of(entry.inReplyTo());
        }
        var references = new ArrayList<>(parent.references());
        references.add(parent.messageId());
        return references;
    }

    private List<String> mailboxesOf(Entry entry) {
        var recipients = new ArrayList<String>();
        recipients.addAll(entry.to());
        recipients.addAll(entry.cc());
        var lower = String.join(" ", recipients).toLowerCase(Locale.ROOT);
        var mailboxes = mail.mailboxes().stream().filter(m -> lower.contains(m.toLowerCase(Locale.ROOT))).toList();
        if (mailboxes.isEmpty()) {
            throw new IllegalStateException("Demo mail " + entry.key() + " is not addressed to a shared mailbox");
        }
        return mailboxes;
    }

    private void setContent(MimeMessage message, Entry entry) throws MessagingException {
        var deliveryStatus = entry.deliveryStatus();
        if (deliveryStatus != null) {
            message.setContent(report(entry.text(), deliveryStatus));
            return;
        }
        if (entry.attachment() == null) {
            setBody(message, entry);
            return;
        }
        var body = new MimeBodyPart();
        setBody(body, entry);
        var mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(attachment(entry.attachment()));
        message.setContent(mixed);
    }

    private static void setBody(Part part, Entry entry) throws MessagingException {
        if (entry.text() != null && entry.html() != null) {
            var alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart(entry.text(), "plain"));
            alternative.addBodyPart(textPart(entry.html(), "html"));
            part.setContent(alternative);
        } else if (entry.html() != null) {
            part.setContent(entry.html(), "text/html; charset=UTF-8");
        } else if (entry.text() != null) {
            part.setContent(entry.text(), "text/plain; charset=UTF-8");
        } else {
            throw new IllegalStateException("Demo mail " + entry.key() + " has no text and no html");
        }
    }

    private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
        var part = new MimeBodyPart();
        part.setText(content, "UTF-8", subtype);
        return part;
    }

    private static MimeBodyPart attachment(DemoMail.Attachment attachment) throws MessagingException {
        var name = attachment.name().toLowerCase(Locale.ROOT);
        var part = new MimeBodyPart();
        if (name.endsWith(".pdf")) {
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(TinyPdf.render(attachment.content().lines().toList()),
                    "application/pdf")));
        } else {
            var type = name.endsWith(".csv") ? "text/csv; charset=UTF-8" : "text/plain; charset=UTF-8";
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content().getBytes(StandardCharsets.UTF_8), type)));
        }
        part.setFileName(attachment.name());
        part.setDisposition(Part.ATTACHMENT);
        return part;
    }

    /** A bounce: {@code multipart/report} with a human part and the {@code message/delivery-status} part. */
    private static MimeMultipart report(@Nullable String text, String deliveryStatus) throws MessagingException {
        var report = new ReportMultipart();
        report.addBodyPart(textPart(text == null ? "" : text, "plain"));
        var status = new MimeBodyPart();
        status.setDataHandler(new DataHandler(new ByteArrayDataSource(deliveryStatus.getBytes(StandardCharsets.US_ASCII),
                "message/delivery-status")));
        report.addBodyPart(status);
        return report;
    }

    private static InternetAddress[] addresses(List<String> values) throws AddressException {
        var addresses = new InternetAddress[values.size()];
        for (int i = 0; i < values.size(); i++) {
            addresses[i] = address(values.get(i));
        }
        return addresses;
    }

    /** Display names such as "Jonas Weber" or "Señora Ortega" are encoded, not sent as raw UTF-8. */
    private static InternetAddress address(String value) throws AddressException {
        var parsed = new InternetAddress(value, true);
        try {
            return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shortHash(String key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(("opportune-demo:" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One built message.
     *
     * @param references the Message-IDs it answers, oldest first; empty when it starts a thread
     * @param mailboxes  the shared addresses it is delivered to
     */
    record Seed(Entry entry, String messageId, Instant date, MimeMessage message, List<String> references,
            List<String> mailboxes) {
    }

    /** Keeps the Message-ID from the seed: {@code saveChanges()} would otherwise make up a new one. */
    private static final class SeededMessage extends MimeMessage {

        private final String id;

        SeededMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    private static final class ReportMultipart extends MimeMultipart {

        ReportMultipart() throws MessagingException {
            super("report");
            var type = new ContentType(contentType);
            type.setParameter("report-type", "delivery-status");
            contentType = type.toString();
        }
    }
}
