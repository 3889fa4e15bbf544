package org.opportune.mail.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
        var out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
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
     * Decodes bytes in the declared charset; when that is missing, unknown or plain ASCII, as UTF-8 if the
     * bytes are valid UTF-8 and as windows-1252 (which accepts any byte) otherwise.
     */
    static String decode(byte[] bytes, @Nullable String declared) {
        var charset = charset(declared);
        if (charset != null && !charset.equals(FALLBACK)) {
            return new String(bytes, charset);
        }
        return decodeGuessing(bytes);
    }

    static String decodeGuessing(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, FALLBACK);
        }
    }
}
