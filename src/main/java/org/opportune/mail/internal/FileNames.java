package org.opportune.mail.internal;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Attachment names as mail gives them are untrusted: no directories, no traversal, no control or
 * bidirectional-override characters, no characters that Windows refuses, no endless names.
 */
final class FileNames {

    static final int MAX_LENGTH = 200;
    static final String DEFAULT = "attachment";

    private FileNames() {
    }

    /** Dots and spaces at either end: no hidden files, no names Windows would change. */
    private static final Pattern LEADING_OR_TRAILING_DOTS = Pattern.compile("^[.\\s]+|[.\\s]+$");

    static String sanitise(@Nullable String name) {
        if (name == null) {
            return DEFAULT;
        }
        var text = Texts.withoutNul(name);
        text = text.substring(Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\')) + 1);
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || isFormatCharacter(c)) {
                return;
            }
            out.appendCodePoint(":*?\"<>|".indexOf(c) >= 0 ? '_' : c);
        });
        var clean = LEADING_OR_TRAILING_DOTS.matcher(out.toString().strip()).replaceAll("");
        if (clean.isEmpty()) {
            return DEFAULT;
        }
        return shorten(clean);
    }

    /** Bidi overrides (U+202E makes "exe.pdf" look like "fdp.exe"), zero-width characters and the like. */
    private static boolean isFormatCharacter(int c) {
        return Character.getType(c) == Character.FORMAT;
    }

    private static String shorten(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        var extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        return Texts.truncate(name, MAX_LENGTH - extension.length()) + extension;
    }
}
