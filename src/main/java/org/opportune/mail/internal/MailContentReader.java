package org.opportune.mail.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.springframework.stereotype.Component;

import org.opportune.mail.MailContent;
import org.opportune.mail.MailProperties;
import org.opportune.mail.MessageView.MessageAddress;

/** Reads a raw message with the ingestion parser, plus its top-level header fields, without storing anything. */
@Component
public class MailContentReader {

    private final MessageParser parser;
    private final MimeConfig headerConfig;

    public MailContentReader(MailProperties limits) {
        this.parser = new MessageParser(limits);
        this.headerConfig = MimeConfig.custom().setStrictParsing(false).setMaxLineLen(-1)
                .setMaxHeaderCount(limits.maxHeaderCount()).build();
    }

    /** @throws IllegalArgumentException when the parser gives up on the message */
    public MailContent read(byte[] raw) {
        ParsedMessage parsed;
        try {
            parsed = parser.parse(raw, Instant.EPOCH);
        } catch (MimeException e) {
            throw new IllegalArgumentException("unreadable message: " + e.getMessage(), e);
        }
        var addresses = parsed.addresses().stream()
                .map(a -> new MessageAddress(a.kind().name(), a.address(), a.name())).toList();
        var names = parsed.attachments().stream().map(ParsedMessage.Attachment::fileName).toList();
        return new MailContent(parsed.subject(), parsed.fromAddress(), parsed.fromName(), addresses, parsed.textBody(),
                parsed.htmlBody(), names, headers(raw));
    }

    private java.util.Map<String, String> headers(byte[] raw) {
        return headers(new ByteArrayInputStream(raw));
    }

    /**
     * The top-level header fields of a raw message, read from its start (the body is not read): the first
     * field of each lower-case name, unfolded, encoded words left as written; empty when unreadable.
     */
    public java.util.Map<String, String> headers(InputStream raw) {
        var builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(headerConfig);
        var headers = new LinkedHashMap<String, String>();
        try {
            var header = builder.parseHeader(raw);
            for (var field : header.getFields()) {
                var name = field.getName().toLowerCase(Locale.ROOT);
                headers.computeIfAbsent(name, n -> MessageParser.headerValue(header, field.getName()).strip());
            }
        } catch (IOException | RuntimeException e) {
            // the body parse above succeeded; without header fields the reader sees fewer signals, not none
        }
        return java.util.Map.copyOf(headers);
    }
}
