package org.opportune.mail.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Text clean-up for what goes into the database: PostgreSQL rejects NUL characters in text, columns
 * have lengths, and mail declares charsets that Java does not know or that the bytes do not match.
 */
final class Texts {

    static final Charset FALLBACK = Charset.forName("windows-1252");

    /** Charsets that mail names but whose real-world content is a superset Java knows under another name. */
    static final Map<Charset, Charset> SUPERSETS = Map.of(
            Charset.forName("EUC-KR"), Charset.forName("x-windows-949"),
            Charset.forName("GB2312"), Charset.forName("GB18030"),
            Charset.forName("GBK"), Charset.forName("GB18030"),
            Charset.forName("Shift_JIS"), Charset.forName("windows-31j"),
            StandardCharsets.ISO_8859_1, FALLBACK,
            StandardCharsets.US_ASCII, FALLBACK);

    private Texts() {
    }

    /** Without NUL characters; everything else kept (bodies). */
    static String withoutNul(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }

    /** One line for a header value: NULs removed, other control characters and line breaks as spaces, trimmed. */
    static String oneLine(@Nullable String text) {
        if (text == null) {
            return "";
        }
        int clean = 0;
        while (clean < text.length() && !Character.isISOControl(text.charAt(clean))) {
            clean++;
        }
        if (clean == text.length()) {
            return text.strip(); // the usual case: nothing to replace, and no copy
        }
        var out = new StringBuilder(text.length()).append(text, 0, clean);
        for (int i = clean; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                continue;
            }
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString().strip();
    }

    /** At most {@code max} characters, never splitting a surrogate pair. */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        return text.substring(0, end);
    }

    static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** The charset of that MIME name, mapped to its common superset; null when Java does not know it. */
    static @Nullable Charset charset(@Nullable String mimeName) {
        if (mimeName == null || mimeName.isBlank()) {
            return null;
        }
        try {
            var charset = Charset.forName(mimeName.strip().replace("\"", "").toLowerCase(Locale.ROOT));
            return SUPERSETS.getOrDefault(charset, charset);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Decodes 8-bit text. Non-ASCII bytes that are valid UTF-8 are UTF-8, whatever the label says (mail
     * labelled GB2312 or ISO-8859-1 is often UTF-8, and legacy-charset text is almost never valid UTF-8
     * by accident); otherwise the declared charset, and windows-1252 (which accepts any byte) when
     * that is missing or unknown. UTF-16/32 labels are always trusted.
     */
    static String decode(byte[] bytes, @Nullable String declared) {
        var charset = charset(declared);
        if (charset != null && charset.name().startsWith("UTF-") && !charset.equals(StandardCharsets.UTF_8)) {
            return new String(bytes, charset);
        }
        var utf8 = isAscii(bytes) ? null : strictUtf8(bytes);
        if (utf8 != null) {
            return utf8;
        }
        return new String(bytes, charset != null ? charset : FALLBACK);
    }

    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 when the bytes are valid UTF-8, windows-1252 otherwise. */
    static String decodeGuessing(byte[] bytes) {
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        var utf8 = strictUtf8(bytes);
        return utf8 != null ? utf8 : new String(bytes, FALLBACK);
    }

    /** The bytes as UTF-8, or null when they are not UTF-8: told by a result, not by an exception (8-bit mail is common). */
    private static @Nullable String strictUtf8(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var out = CharBuffer.allocate(bytes.length); // UTF-8 never gives more characters than bytes
        if (decoder.decode(ByteBuffer.wrap(bytes), out, true).isError() || decoder.flush(out).isError()) {
            return null;
        }
        return out.flip().toString();
    }
}
