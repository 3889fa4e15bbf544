package org.opportune.mail.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/** Hostile messages too big to commit, generated at test time, and the corpora's messages. */
public final class Hostile {

    private Hostile() {
    }

    public static byte[] nested(int levels) {
        var text = new StringBuilder(header("<nested-" + levels + "@example.com>", levels + " levels"));
        text.append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
        for (int i = 0; i < levels; i++) {
            text.append("--b").append(i).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(i + 1).append("\"\r\n\r\n");
        }
        text.append("--b").append(levels).append("\r\nContent-Type: text/plain\r\n\r\ndeep inside\r\n");
        for (int i = levels; i >= 0; i--) {
            text.append("--b").append(i).append("--\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] manyParts(int parts) {
        var text = new StringBuilder(header("<parts-" + parts + "@example.com>", parts + " parts"));
        text.append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n");
        for (int i = 0; i < parts; i++) {
            text.append("--p\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"part-")
                    .append(i).append(".bin\"\r\n\r\npart ").append(i).append("\r\n");
        }
        text.append("--p--\r\n");
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] hugeHeader(int length) {
        var text = header("<huge-header@example.com>", "huge header") + "X-Huge: " + "a".repeat(length) + "\r\n\r\nbody\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] bigAttachment(int size) {
        var content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) (i * 31);
        }
        var base64 = Base64.getMimeEncoder().encodeToString(content);
        var text = header("<big-" + size + "@example.com>", "big attachment")
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"big\"\r\n\r\n"
                + "--big\r\nContent-Type: text/plain\r\n\r\nSee the attachment.\r\n"
                + "--big\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"big.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + base64 + "\r\n--big--\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String header(String messageId, String subject) {
        return "From: hostile@example.com\r\nTo: sales@demo.example\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId
                + "\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n";
    }

    /** Every message of a corpus folder: .eml/.msg/.out files, and each message of its mbox files. */
    public static List<byte[]> corpusMessages(Path folder) throws IOException {
        var messages = new ArrayList<byte[]>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (var file : files.filter(Files::isRegularFile).sorted().toList()) {
                if (!MailFiles.isMail(file)) {
                    continue;
                }
                var bytes = Files.readAllBytes(file);
                if (MboxReader.looksLikeMbox(bytes)) {
                    MboxReader.split(new ByteArrayInputStream(bytes), messages::add);
                } else {
                    messages.add(bytes);
                }
            }
        }
        return messages;
    }

    static byte[] bytes(String text) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
