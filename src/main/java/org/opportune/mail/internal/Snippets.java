package org.opportune.mail.internal;

import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;

/** The first words of a message for a list row: plain text when there is some, else the HTML's text. */
final class Snippets {

    static final int LENGTH = 160;

    private static final Pattern QUOTED_LINE = Pattern.compile("(?m)^>.*$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Snippets() {
    }

    static String of(@Nullable String textStart, @Nullable String htmlStart) {
        var text = textStart != null && !textStart.isBlank() ? textStart
                : htmlStart != null ? Jsoup.parse(htmlStart).text() : "";
        var collapsed = WHITESPACE.matcher(QUOTED_LINE.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
        return collapsed.length() <= LENGTH ? collapsed : collapsed.substring(0, LENGTH - 1).stripTrailing() + "…";
    }
}
