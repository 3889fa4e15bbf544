package org.opportune.mail.internal;

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
        var lines = new Lines(input);
        var current = new ByteArrayOutputStream(1 << 14);
        boolean inMessage = false;
        boolean previousBlank = true;
        boolean pendingBlank = false;
        byte[] pendingBlankBytes = new byte[0];
        int count = 0;
        while (lines.next()) {
            var bytes = lines.line;
            int length = lines.length;
            int contentLength = lengthWithoutEol(bytes, length);
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
                current.write(pendingBlankBytes, 0, pendingBlankBytes.length);
                pendingBlank = false;
            }
            boolean blank = contentLength == 0;
            if (blank) {
                // held back: the empty line before the next "From " belongs to the separator
                pendingBlank = true;
                pendingBlankBytes = java.util.Arrays.copyOf(bytes, length);
            } else {
                writeUnescaped(current, bytes, contentLength, length);
            }
            previousBlank = blank;
        }
        if (inMessage && (current.size() > 0)) {
            messages.accept(current.toByteArray());
            count++;
        }
        return count;
    }

    /**
     * Lines of the input with their end of line, read a buffer at a time and scanned for newlines
     * (reading byte by byte through a stream was a third of the time an import took to split an mbox).
     * {@code line} is reused: valid until the next call.
     */
    private static final class Lines {

        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        byte[] line = new byte[1024];
        int length;

        Lines(InputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            length = 0;
            while (true) {
                if (position == limit) {
                    int read = in.read(buffer, 0, buffer.length);
                    position = 0;
                    limit = Math.max(read, 0);
                    if (read < 0) {
                        return length > 0;
                    }
                    continue;
                }
                int end = position;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                boolean complete = end < limit;
                if (complete) {
                    end++;
                }
                append(end - position);
                position = end;
                if (complete) {
                    return true;
                }
            }
        }

        private void append(int count) {
            if (length + count > line.length) {
                line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + count));
            }
            System.arraycopy(buffer, position, line, length, count);
            length += count;
        }
    }

    /** An envelope line names a sender and a time ("From a@b.example  Fri Feb 22 17:06:23 2008"), unlike prose. */
    private static boolean isEnvelope(byte[] line, int contentLength) {
        return ENVELOPE.matcher(new String(line, 0, contentLength, StandardCharsets.ISO_8859_1)).find();
    }

    private static void writeUnescaped(ByteArrayOutputStream out, byte[] line, int contentLength, int length) {
        int i = 0;
        while (i < contentLength && line[i] == '>') {
            i++;
        }
        if (i > 0 && startsWith(line, i, contentLength, "From ")) {
            out.write(line, 1, length - 1);
        } else {
            out.write(line, 0, length);
        }
    }

    private static int lengthWithoutEol(byte[] line, int length) {
        int end = length;
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
