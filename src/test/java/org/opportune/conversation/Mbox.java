package org.opportune.conversation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeUtility;

import org.opportune.conversation.ThreadResolver.MessageFacts;

/**
 * Just enough mbox reading for threading tests: splits on {@code From } envelope lines and reads
 * the headers threading needs, as the mail module hands them over in {@code MessageReceived}
 * (Message-IDs without angle brackets, decoded subject, lower-case addresses). Where a test mbox has
 * no From or Date header, the envelope line's sender and date stand in, as mbox readers do; a missing
 * Message-ID is synthesised from the position, as ingestion synthesises a stable one.
 */
final class Mbox {

    private static final Pattern ENVELOPE = Pattern.compile("^From (\\S+)\\s+(.+?)\\s*$");
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    private Mbox() {
    }

    static List<MessageFacts> read(Path mbox) {
        try {
            var lines = Files.readAllLines(mbox, StandardCharsets.ISO_8859_1);
            var messages = new ArrayList<MessageFacts>();
            var current = new ArrayList<String>();
            var previousBlank = true;
            for (var line : lines) {
                if (previousBlank && ENVELOPE.matcher(line).matches() && (current.isEmpty() || looksLikeEnvelope(line))) {
                    if (!current.isEmpty()) {
                        messages.add(parse(current, messages.size() + 1));
                    }
                    current = new ArrayList<>();
                }
                current.add(line);
                previousBlank = line.isBlank();
            }
            if (!current.isEmpty()) {
                messages.add(parse(current, messages.size() + 1));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean looksLikeEnvelope(String line) {
        return line.matches("^From \\S+\\s+\\w{3} \\w{3}\\s+\\d+ \\d\\d:\\d\\d:\\d\\d \\d{4}.*");
    }

    private static MessageFacts parse(List<String> lines, int position) {
        var envelope = ENVELOPE.matcher(lines.get(0));
        envelope.matches();
        var headerText = new StringBuilder();
        for (var line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                break;
            }
            headerText.append(line).append("\r\n");
        }
        headerText.append("\r\n");
        try {
            var headers = new InternetHeaders(new ByteArrayInputStream(headerText.toString().getBytes(StandardCharsets.ISO_8859_1)));
            var messageIds = ids(headers.getHeader("Message-ID", " "));
            var messageId = messageIds.isEmpty() ? "mbox-" + position + "@test.invalid" : messageIds.get(0);
            var inReplyTo = ids(headers.getHeader("In-Reply-To", " ")).stream().findFirst().orElse(null);
            var subject = headers.getHeader("Subject", " ");
            var participants = new LinkedHashSet<String>();
            for (var field : List.of("From", "To", "Cc", "Reply-To")) {
                addresses(headers.getHeader(field, ","), participants);
            }
            if (headers.getHeader("From") == null) {
                participants.add(envelope.group(1).toLowerCase(Locale.ROOT));
            }
            return new MessageFacts(messageId, inReplyTo, ids(headers.getHeader("References", " ")),
                    subject == null ? "" : decode(subject), participants, date(headers.getHeader("Date", " "), envelope.group(2)));
        } catch (MessagingException e) {
            throw new IllegalStateException("message " + position, e);
        }
    }

    private static List<String> ids(String header) {
        if (header == null) {
            return List.of();
        }
        var ids = new ArrayList<String>();
        var matcher = MESSAGE_ID.matcher(header);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    private static void addresses(String header, Set<String> into) {
        if (header == null) {
            return;
        }
        try {
            for (var address : InternetAddress.parseHeader(header.replaceAll("\\s+", " "), false)) {
                if (address.getAddress() != null) {
                    into.add(address.getAddress().toLowerCase(Locale.ROOT));
                }
            }
        } catch (MessagingException e) {
            // an unparseable address list adds no participants, as in ingestion
        }
    }

    private static String decode(String subject) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(subject)).strip();
        } catch (IOException e) {
            return subject.strip();
        }
    }

    private static Instant date(String header, String envelopeDate) {
        if (header != null) {
            try {
                return new MailDateFormat().parse(header.strip()).toInstant();
            } catch (ParseException | RuntimeException e) {
                // fall through to the envelope date
            }
        }
        var asctime = envelopeDate.replaceAll("\\s+", " ").replaceAll(" [+-]\\d{4}$", "");
        return LocalDateTime.parse(asctime, ASCTIME).toInstant(ZoneOffset.UTC);
    }
}
