package org.opportune.inbox;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import org.opportune.mail.AttachmentView;
import org.opportune.mail.MailMessages;
import org.opportune.mail.MessageNotFoundException;

/**
 * An email's HTML, sanitised, for the sandboxed frame of the conversation page; its attachments as
 * downloads; its inline images for that frame. The frame document gets a policy of its own: nothing
 * may run, nothing may be submitted, and images load only from us unless the reader asked for more.
 */
@Controller
@PreAuthorize("hasAuthority('INBOX_VIEW')")
class MessageContentController {

    /** Types a browser may show as they are; anything else is downloaded as bytes. */
    private static final Set<String> SAFE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp",
            "application/pdf", "text/plain", "text/csv", "application/zip",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/msword", "application/vnd.ms-excel", "text/calendar");

    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private final MailMessages messages;

    MessageContentController(MailMessages messages) {
        this.messages = messages;
    }

    @GetMapping(value = "/messages/{id}/body", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String body(@PathVariable long id, @RequestParam(defaultValue = "false") boolean images, HttpServletResponse response) {
        var message = messages.message(id).orElseThrow(() -> MessageNotFoundException.forId("message", id));
        var inline = new HashMap<String, String>();
        for (var part : message.attachments()) {
            if (part.contentId() != null && IMAGE_TYPES.contains(type(part))) {
                inline.put(part.contentId().toLowerCase(Locale.ROOT), "/messages/" + id + "/images/" + part.id());
            }
        }
        var html = message.htmlBody() != null ? message.htmlBody() : "";
        var result = HtmlEmail.sanitise(html, inline, images);
        response.setHeader("Content-Security-Policy", String.join("; ",
                "default-src 'none'",
                images ? "img-src 'self' data: https: http:" : "img-src 'self' data:",
                "style-src 'self'",
                "frame-ancestors 'self'",
                "form-action 'none'",
                "base-uri 'none'"));
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Cache-Control", "private, no-store");
        return result.html();
    }

    @GetMapping("/messages/{messageId}/images/{attachmentId}")
    ResponseEntity<InputStreamResource> inlineImage(@PathVariable long messageId, @PathVariable long attachmentId) {
        var part = attachmentOf(messageId, attachmentId);
        if (!IMAGE_TYPES.contains(type(part))) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type(part)))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(part.fileName(), StandardCharsets.UTF_8).build().toString())
                .body(new InputStreamResource(open(part)));
    }

    @GetMapping("/attachments/{id}")
    ResponseEntity<InputStreamResource> download(@PathVariable long id) {
        var part = messages.attachment(id).orElseThrow(() -> MessageNotFoundException.forId("attachment", id));
        var type = SAFE_TYPES.contains(type(part)) ? type(part) : MediaType.APPLICATION_OCTET_STREAM_VALUE;
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type))
                .contentLength(part.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(part.fileName().isBlank() ? "attachment" : part.fileName(), StandardCharsets.UTF_8)
                        .build().toString())
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(new InputStreamResource(open(part)));
    }

    private AttachmentView attachmentOf(long messageId, long attachmentId) {
        return messages.attachment(attachmentId).filter(a -> a.messageId() == messageId)
                .orElseThrow(() -> MessageNotFoundException.forId("attachment", attachmentId));
    }

    private InputStream open(AttachmentView part) {
        return messages.attachmentContent(part.id());
    }

    private static String type(AttachmentView part) {
        var type = part.contentType().toLowerCase(Locale.ROOT);
        var semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
    }
}
