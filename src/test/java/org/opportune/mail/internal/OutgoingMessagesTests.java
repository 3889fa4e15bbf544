package org.opportune.mail.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import org.opportune.mail.OutgoingMail;

import static org.assertj.core.api.Assertions.assertThat;

class OutgoingMessagesTests {

    @Test
    void anAttachmentGoesOutWithItsNameTypeAndBytes() throws Exception {
        var pdf = "%PDF-1.4 quote".getBytes(StandardCharsets.US_ASCII);

        var message = parse(build(new OutgoingMail.Attachment("Quote 2026.pdf", "application/pdf", pdf)));

        var part = attachment(message);
        assertThat(part.getFileName()).isEqualTo("Quote 2026.pdf");
        assertThat(part.getContentType()).startsWith("application/pdf");
        assertThat(part.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(part.getInputStream().readAllBytes()).isEqualTo(pdf);
    }

    @Test
    void aFileNameOrTypeCannotAddAHeader() throws Exception {
        var raw = build(new OutgoingMail.Attachment("evil.pdf\r\nBcc: victim@evil.example\r\n\r\n",
                "text/plain\r\nBcc: victim@evil.example", new byte[] {1, 2, 3}));

        var message = parse(raw);

        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(new String(raw, StandardCharsets.US_ASCII)).doesNotContainPattern("(?m)^Bcc:");
        var part = attachment(message);
        assertThat(part.getHeader("Bcc")).isNull();
        assertThat(part.getFileName()).isEqualTo("evil.pdfBcc_ victim@evil.example");
        assertThat(part.getContentType()).startsWith("application/octet-stream");
    }

    @Test
    void aFileNameLosesItsDirectoriesAndCharactersThatDisguiseIt() throws Exception {
        var part = attachment(parse(build(new OutgoingMail.Attachment("../../etc/invoice\u202Efdp.exe", "application/pdf",
                new byte[] {1}))));

        assertThat(part.getFileName()).isEqualTo("invoicefdp.exe");
    }

    private static byte[] build(OutgoingMail.Attachment attachment) throws Exception {
        return OutgoingMessages.build(new OutgoingMail(1, "Anna at Sales", List.of("lena@northwind.example"), List.of(),
                "Re: Quote", "Here it is.", "lead@northwind.example", List.of("lead@northwind.example"), List.of(attachment)),
                "sales@example.com", Instant.parse("2026-05-04T10:00:00Z")).raw();
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    private static Part attachment(MimeMessage message) throws Exception {
        var multipart = (MimeMultipart) message.getContent();
        assertThat(multipart.getCount()).isEqualTo(2);
        return multipart.getBodyPart(1);
    }
}
