package org.opportune.mail.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.jspecify.annotations.Nullable;

import org.opportune.mail.MailProperties;
import org.opportune.mail.internal.ParsedMessage.Address;
import org.opportune.mail.internal.ParsedMessage.AddressKind;
import org.opportune.mail.internal.ParsedMessage.Attachment;

/**
 * Parses raw RFC 5322 mail with mime4j, leniently: whatever can be read is read, and what is broken or
 * left out is recorded as a problem. It throws only when mime4j gives up (for example a header over the
 * configured length); the caller quarantines the message then.
 */
class MessageParser {

    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>]*)>");
    private static final Pattern ID_SEPARATORS = Pattern.compile("[\\s,]+");
    /** A line break that folds a header onto the next line (RFC 5322 2.2.3). */
    private static final Pattern FOLD = Pattern.compile("\r?\n(?=[ \t])");
    private static final int MAX_PROBLEMS = 20;

    private final MailProperties limits;
    private final MimeConfig config;
    private final MimeConfig fallbackConfig;

    MessageParser(MailProperties limits) {
        this.limits = limits;
        this.config = MimeConfig.custom()
                .setStrictParsing(false)
                .setMaxLineLen(-1)
                .setMaxHeaderLen((int) Math.min(Integer.MAX_VALUE, limits.maxHeaderLength().toBytes()))
                .setMaxHeaderCount(limits.maxHeaderCount())
                .setMaxContentLen(-1)
                .setMalformedHeaderStartsBody(true)
                .build();
        this.fallbackConfig = MimeConfig.copy(config).setMalformedHeaderStartsBody(false).build();
    }

    /**
     * Parses one raw message.
     *
     * @throws MimeException when mime4j refuses it (a limit) or fails on it even in its most tolerant setting
     */
    ParsedMessage parse(byte[] raw, Instant receivedAt) throws MimeException {
        var problems = new Problems();
        Message message;
        try {
            message = build(raw, config, problems);
        } catch (RuntimeException e) {
            // mime4j 0.8 can fail internally ("unread only works when a buffer is fully read") when a
            // malformed header line is handed back to the body; reading it without that hand-back works
            problems.add("malformed header lines dropped");
            try {
                message = build(raw, fallbackConfig, problems);
            } catch (RuntimeException again) {
                throw new MimeException("mime4j failed: " + again, again);
            }
        }
        try {
            return read(message, raw, receivedAt, problems);
        } catch (RuntimeException e) {
            throw new MimeException("could not read the parsed message: " + e, e);
        }
    }

    private static Message build(byte[] raw, MimeConfig config, Problems problems) throws MimeException {
        var builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(config);
        builder.setDecodeMonitor(problems);
        try {
            return builder.parseMessage(new ByteArrayInputStream(raw));
        } catch (IOException e) {
            if (e.getCause() instanceof MimeException mime) {
                throw mime;
            }
            throw new MimeException(e.getMessage(), e);
        }
    }

    private ParsedMessage read(Message message, byte[] raw, Instant receivedAt, Problems problems) {
        var header = message.getHeader();
        var subject = Texts.truncate(decodeWords(headerValue(header, "Subject"), problems), 1000);
        var addresses = new ArrayList<Address>();
        var from = mailboxes(() -> message.getFrom(), AddressKind.FROM, addresses, problems);
        addresses(() -> message.getTo(), AddressKind.TO, addresses, problems);
        addresses(() -> message.getCc(), AddressKind.CC, addresses, problems);
        addresses(() -> message.getReplyTo(), AddressKind.REPLY_TO, addresses, problems);
        var fromAddress = from == null ? "" : from.address();
        var fromName = from == null ? Texts.blankToNull(Texts.truncate(decodeWords(headerValue(header, "From"), problems), 500))
                : from.name();

        var dateHeader = headerValue(header, "Date");
        var sentAt = date(message, dateHeader, receivedAt, problems);
        var bodyHash = Fingerprint.bodyHash(raw);

        var ids = ids(headerValue(header, "Message-ID"));
        var messageId = ids.isEmpty() ? null : ids.get(0);
        var synthesised = messageId == null;
        if (synthesised) {
            messageId = Fingerprint.syntheticMessageId(fromAddress, dateHeader, subject, bodyHash);
            problems.add("no Message-ID; used " + messageId);
        }
        var inReplyTo = ids(headerValue(header, "In-Reply-To")).stream().findFirst().orElse(null);
        var references = ids(headerValue(header, "References"));

        var parts = new Parts(problems);
        parts.walk(message, 0, true);
        parts.reportLimits();

        return new ParsedMessage(messageId, synthesised, subject, fromAddress, fromName, List.copyOf(addresses), sentAt,
                Texts.truncate(dateHeader, 200), inReplyTo, references, parts.text(), parts.html(),
                List.copyOf(parts.attachments), bodyHash, problems.list());
    }

    // ---- headers ------------------------------------------------------------------------------

    /** The unfolded value of the first such header field; raw 8-bit read as UTF-8 when valid, else windows-1252. */
    static String headerValue(Header header, String name) {
        Field field = header.getField(name);
        if (field == null) {
            return "";
        }
        var rawField = field.getRaw();
        String value;
        if (rawField != null) {
            var line = Texts.decodeGuessing(rawField.toByteArray());
            int colon = line.indexOf(':');
            value = colon < 0 ? "" : line.substring(colon + 1);
        } else {
            value = field.getBody() == null ? "" : field.getBody();
        }
        return Texts.oneLine(value.indexOf('\n') < 0 ? value : FOLD.matcher(value).replaceAll(""));
    }

    private static String decodeWords(String value, DecodeMonitor monitor) {
        try {
            return Texts.oneLine(DecoderUtil.decodeEncodedWords(value, monitor, Texts.FALLBACK, Texts.SUPERSETS));
        } catch (RuntimeException e) {
            return value;
        }
    }

    /** Message-IDs in angle brackets, without them; a bare token when there are no brackets at all. */
    static List<String> ids(String value) {
        var ids = new ArrayList<String>();
        var matcher = ANGLE_ID.matcher(value);
        while (matcher.find()) {
            var id = Texts.oneLine(matcher.group(1)).replace(" ", "");
            if (!id.isEmpty()) {
                ids.add(Texts.truncate(id, 995));
            }
        }
        if (ids.isEmpty() && !value.isBlank()) {
            for (var token : ID_SEPARATORS.split(value)) {
                if (token.length() > 2 && token.contains("@")) {
                    ids.add(Texts.truncate(token, 995));
                }
            }
        }
        return ids.stream().distinct().limit(500).toList();
    }

    private static Instant date(Message message, String dateHeader, Instant receivedAt, Problems problems) {
        try {
            var date = message.getDate();
            if (date != null) {
                return date.toInstant();
            }
        } catch (RuntimeException e) {
            // unreadable: fall through
        }
        problems.add(dateHeader.isEmpty() ? "no Date; used the time received" : "unreadable Date; used the time received");
        return receivedAt;
    }

    private interface Supplier<T> {
        @Nullable T get();
    }

    private static @Nullable Address mailboxes(Supplier<MailboxList> list, AddressKind kind, List<Address> out, Problems problems) {
        try {
            var mailboxes = list.get();
            if (mailboxes == null) {
                return null;
            }
            Address first = null;
            for (Mailbox mailbox : mailboxes) {
                var address = address(kind, mailbox);
                if (address != null) {
                    out.add(address);
                    first = first == null ? address : first;
                }
            }
            return first;
        } catch (RuntimeException e) {
            problems.add("unreadable " + kind + " header");
            return null;
        }
    }

    private static void addresses(Supplier<AddressList> list, AddressKind kind, List<Address> out, Problems problems) {
        try {
            var addresses = list.get();
            if (addresses != null) {
                mailboxes(addresses::flatten, kind, out, problems);
            }
        } catch (RuntimeException e) {
            problems.add("unreadable " + kind + " header");
        }
    }

    private static @Nullable Address address(AddressKind kind, Mailbox mailbox) {
        var address = Texts.truncate(Texts.oneLine(mailbox.getAddress()).toLowerCase(Locale.ROOT), 320);
        if (address.isEmpty()) {
            return null;
        }
        var name = Texts.blankToNull(Texts.truncate(Texts.oneLine(mailbox.getName()), 500));
        return new Address(kind, address, name);
    }

    // ---- bodies and attachments ---------------------------------------------------------------

    /** Walks the MIME tree up to the configured depth and number of parts. */
    private final class Parts {

        private final Problems problems;
        private final List<Attachment> attachments = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private @Nullable String html;
        private int seen;
        private int skipped;
        private boolean tooDeep;

        Parts(Problems problems) {
            this.problems = problems;
        }

        void walk(Entity entity, int depth, boolean root) {
            if (seen >= limits.maxParts()) {
                skipped++;
                return;
            }
            seen++;
            if (depth > limits.maxNestingDepth()) {
                tooDeep = true;
                return;
            }
            var body = entity.getBody();
            if (body instanceof Multipart multipart) {
                for (var part : multipart.getBodyParts()) {
                    walk(part, depth + 1, false);
                }
            } else if (body instanceof Message nested && !root) {
                attach(entity, messageBytes(nested), nestedName(nested));
            } else if (body instanceof SingleBody single) {
                single(entity, bytes(single));
            }
        }

        private void single(Entity entity, byte[] content) {
            var type = mimeType(entity);
            var disposition = entity.getDispositionType() == null ? "" : entity.getDispositionType().toLowerCase(Locale.ROOT);
            var fileName = fileName(entity);
            var isBody = !"attachment".equals(disposition) && fileName == null;
            if (isBody && type.equals("text/plain")) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(decodeText(entity, content));
            } else if (isBody && type.equals("text/html") && html == null) {
                html = decodeText(entity, content);
            } else {
                attach(entity, content, fileName);
            }
        }

        private void attach(Entity entity, byte[] content, @Nullable String fileName) {
            var contentId = Texts.blankToNull(Texts.truncate(String.join(" ", ids(headerValue(entity.getHeader(), "Content-ID"))), 995));
            var disposition = entity.getDispositionType();
            var inline = "inline".equalsIgnoreCase(disposition) || disposition == null && contentId != null;
            attachments.add(new Attachment(FileNames.sanitise(fileName), Texts.truncate(mimeType(entity), 255), content,
                    contentId, inline));
        }

        private String decodeText(Entity entity, byte[] content) {
            var declared = entity.getCharset();
            if (declared != null && Texts.charset(declared) == null) {
                problems.add("unknown charset " + Texts.truncate(Texts.oneLine(declared), 40) + "; read as UTF-8 or windows-1252");
            }
            var decoded = Texts.decode(content, declared);
            if (decoded.indexOf('\0') >= 0) {
                problems.add("NUL characters removed from the text");
            }
            return Texts.withoutNul(decoded);
        }

        void reportLimits() {
            if (tooDeep) {
                problems.add("MIME nesting deeper than " + limits.maxNestingDepth() + " levels; inner parts left in the raw message");
            }
            if (skipped > 0) {
                problems.add((seen + skipped) + " MIME parts; only the first " + limits.maxParts()
                        + " were extracted, the rest are in the raw message");
            }
        }

        @Nullable String text() {
            return text.isEmpty() ? null : text.toString();
        }

        @Nullable String html() {
            return html;
        }
    }

    private String mimeType(Entity entity) {
        var type = entity.getMimeType();
        return type == null ? "application/octet-stream" : Texts.oneLine(type).toLowerCase(Locale.ROOT);
    }

    private @Nullable String fileName(Entity entity) {
        String name = null;
        try {
            name = entity.getFilename();
            if (name == null && entity.getHeader().getField("Content-Type") instanceof ContentTypeField type) {
                name = type.getParameter("name");
            }
        } catch (RuntimeException e) {
            // an unreadable parameter is no name
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        return decodeWords(name, DecodeMonitor.SILENT);
    }

    private static String nestedName(Message nested) {
        String subject = null;
        try {
            subject = nested.getSubject();
        } catch (RuntimeException e) {
            // no subject then
        }
        return (subject == null || subject.isBlank() ? "message" : Texts.truncate(subject, 150)) + ".eml";
    }

    private static byte[] bytes(SingleBody body) {
        try (var in = body.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("could not read a MIME part", e);
        }
    }

    private static byte[] messageBytes(Message message) {
        var out = new ByteArrayOutputStream();
        try {
            new DefaultMessageWriter().writeMessage(message, out);
        } catch (IOException e) {
            throw new IllegalStateException("could not read a MIME part", e);
        }
        return out.toByteArray();
    }

    /** mime4j's warnings become the message's parse problems (the first few; the rest are counted). */
    static final class Problems extends DecodeMonitor {

        private final List<String> list = new ArrayList<>();
        private int more;

        void add(String problem) {
            var clean = Texts.truncate(Texts.oneLine(problem), 300);
            if (list.contains(clean)) {
                return;
            }
            if (list.size() < MAX_PROBLEMS) {
                list.add(clean);
            } else {
                more++;
            }
        }

        @Override
        public boolean warn(String error, String dropDesc) {
            add(error);
            return false;
        }

        @Override
        public boolean isListening() {
            return true;
        }

        List<String> list() {
            var all = new ArrayList<>(list);
            if (more > 0) {
                all.add("and " + more + " more problems");
            }
            return List.copyOf(all);
        }
    }
}
