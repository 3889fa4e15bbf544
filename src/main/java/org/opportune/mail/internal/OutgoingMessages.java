package org.opportune.mail.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.opportune.mail.OutgoingMail;

/**
 * Builds the raw bytes of an outgoing message with Jakarta Mail: From the shared address under the
 * person's display name, Reply-To the shared address, In-Reply-To and References so the customer's
 * client threads it, a fresh Message-ID on our domain. Every header value is encoded by the library,
 * so a line break typed into a subject or a name cannot start a header of its own. Attachment names
 * are cleaned as those of incoming mail are ({@link FileNames}), and a file's type is the browser's
 * only when it is a plain media type.
 */
public final class OutgoingMessages {

    private static final Session SESSION = Session.getInstance(new Properties());
    /** A plain {@code type/subtype} (RFC 6838 names), nothing after it. */
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    private OutgoingMessages() {
    }

    /** The built message: its Message-ID (without angle brackets) and its bytes. */
    public record Built(String messageIdHeader, byte[] raw) {
    }

    /** @throws AddressException when an address is not one */
    public static Built build(OutgoingMail mail, String mailboxAddress, Instant now) throws MessagingException {
        var domain = mailboxAddress.substring(mailboxAddress.lastIndexOf('@') + 1);
        var messageId = UUID.randomUUID() + "@" + domain;
        var message = new FixedIdMessage(SESSION, "<" + messageId + ">");
        var from = new InternetAddress(mailboxAddress);
        try {
            from.setPersonal(oneLine(mail.senderName()), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        message.setFrom(from);
        message.setReplyTo(new InternetAddress[] {new InternetAddress(mailboxAddress)});
        message.setRecipients(MimeMessage.RecipientType.TO, addresses(mail.to()));
        if (!mail.cc().isEmpty()) {
            message.setRecipients(MimeMessage.RecipientType.CC, addresses(mail.cc()));
        }
        message.setSubject(oneLine(mail.subject()), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(now));
        if (mail.inReplyTo() != null && !mail.inReplyTo().isBlank()) {
            message.setHeader("In-Reply-To", "<" + clean(mail.inReplyTo()) + ">");
        }
        if (!mail.references().isEmpty()) {
            message.setHeader("References", mail.references().stream().map(OutgoingMessages::clean)
                    .filter(id -> !id.isEmpty()).map(id -> "<" + id + ">").collect(Collectors.joining(" ")));
        }
        message.setHeader("Auto-Submitted", "no");
        if (mail.attachments().isEmpty()) {
            message.setText(mail.text(), StandardCharsets.UTF_8.name());
        } else {
            var multipart = new MimeMultipart("mixed");
            var body = new MimeBodyPart();
            body.setText(mail.text(), StandardCharsets.UTF_8.name());
            multipart.addBodyPart(body);
            for (var file : mail.attachments()) {
                var part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(file.content(), contentType(file.contentType()))));
                part.setFileName(FileNames.sanitise(file.fileName()));
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                multipart.addBodyPart(part);
            }
            message.setContent(multipart);
        }
        message.saveChanges();
        var bytes = new ByteArrayOutputStream();
        try {
            message.writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Built(messageId, bytes.toByteArray());
    }

    private static InternetAddress[] addresses(List<String> addresses) throws AddressException {
        var parsed = new InternetAddress[addresses.size()];
        for (int i = 0; i < addresses.size(); i++) {
            parsed[i] = new InternetAddress(oneLine(addresses.get(i)), true);
        }
        return parsed;
    }

    /** A header value is one line: a typed CR or LF becomes a space (the library would fold it anyway). */
    private static String oneLine(String value) {
        return value.replaceAll("[\\r\\n]+", " ").strip();
    }

    /**
     * The type the browser named, if it is a plain {@code type/subtype} and nothing else (no parameters,
     * no line breaks); otherwise {@code application/octet-stream}. The browser's word is not trusted.
     */
    static String contentType(String given) {
        var type = given.strip().toLowerCase(Locale.ROOT);
        return MEDIA_TYPE.matcher(type).matches() ? type : "application/octet-stream";
    }

    /** A Message-ID without angle brackets, white space or anything that could end the header. */
    private static String clean(String messageId) {
        return messageId.replaceAll("[<>\\s]", "");
    }

    /** Keeps the Message-ID we chose instead of the one {@code saveChanges} would make up. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
