package org.opportune.mail.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Splits an mbox file into raw messages, streaming. A message starts at a line beginning with
 * {@code "From "} at the start of the file or after an empty line; that envelope line is not part of
 * the message, and the empty line before the next one is not either. Escaped body lines
 * ({@code ">From "}, {@code ">>From "}: mboxrd and mboxo) lose one {@code '>'}.
 */
public final class MboxReader {

    private static final Pattern ENVELOPE = Pattern.compile("^From \\S+\\s.*\\d:\\d\\d");

    private MboxReader() {
    }

    /** True when the content starts like an mbox file (its first line starts with {@code "From "}). */
    public static boolean looksLikeMbox(byte[] head) {
        return startsWith(head, 0, head.length, "From ");
    }

    /** Calls {@code messages} once per message; returns how many there were. */
    public static int split(InputStream input, Consumer<byte[]> messages) throws IOException {
        var in = new BufferedInputStream(input, 1 << 16);
        var current = new ByteArrayOutputStream();
        var line = new ByteArrayOutputStream();
        boolean inMessage = false;
        boolean previousBlank = true;
        boolean pendingBlank = false;
        byte[] pendingBlankBytes = new byte[0];
        int count = 0;
        while (readLine(in, line)) {
            var bytes = line.toByteArray();
            int contentLength = lengthWithoutEol(bytes);
            if (previousBlank && startsWith(bytes, 0, contentLength, "From ") && (!inMessage || isEnvelope(bytes, contentLength))) {
                if (inMessage) {
                    messages.accept(current.toByteArray());
                    count++;
                }
                current.reset();
                inMessage = true;
                pendingBlank = false;
                previousBlank = false;
                continue;
            }
            if (!inMessage) {
                // text before the first envelope line: keep it as a message of its own
                inMessage = true;
            }
            if (pendingBlank) {
                current.write(pendingBlankBytes);
                pendingBlank = false;
            }
            boolean blank = contentLength == 0;
            if (blank) {
                // held back: the empty line before the next "From " belongs to the separator
                pendingBlank = true;
                pendingBlankBytes = bytes;
            } else {
                writeUnescaped(current, bytes, contentLength);
            }
            previousBlank = blank;
        }
        if (inMessage && (current.size() > 0)) {
            messages.accept(current.toByteArray());
            count++;
        }
        return count;
    }

    /** An envelope line names a sender and a time ("From a@b.example  Fri Feb 22 17:06:23 2008"), unlike prose. */
    private static boolean isEnvelope(byte[] line, int contentLength) {
        return ENVELOPE.matcher(new String(line, 0, contentLength, StandardCharsets.ISO_8859_1)).find();
    }

    private static void writeUnescaped(ByteArrayOutputStream out, byte[] line, int contentLength) {
        int i = 0;
        while (i < contentLength && line[i] == '>') {
            i++;
        }
        if (i > 0 && startsWith(line, i, contentLength, "From ")) {
            out.write(line, 1, line.length - 1);
        } else {
            out.write(line, 0, line.length);
        }
    }

    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return true;
            }
        }
        return line.size() > 0;
    }

    private static int lengthWithoutEol(byte[] line) {
        int end = line.length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
        }
        if (end > 0 && line[end - 1] == '\r') {
            end--;
        }
        return end;
    }

    private static boolean startsWith(byte[] bytes, int offset, int end, String prefix) {
        if (end - offset < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
