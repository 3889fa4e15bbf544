package org.opportune.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.opportune.inbox.ShownMessage.TextPart;

/**
 * Cuts a plain-text body into what the sender wrote and what they quoted: lines starting with
 * {@code >}, and everything after an attribution line ("On … wrote:", "Am … schrieb …:",
 * "Le … a écrit :", "El … escribió:") or an Outlook "-----Original Message-----" block.
 */
final class QuotedText {

    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^(On .+ wrote:|Am .+ schrieb .+:|Le .+ a écrit ?:|El .+ escribió:|-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\\s*-{2,})\\s*$",
            Pattern.CASE_INSENSITIVE);

    private QuotedText() {
    }

    static List<TextPart> split(String text) {
        var parts = new ArrayList<TextPart>();
        var current = new StringBuilder();
        var quoted = false;
        var lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            var line = lines[i];
            if (ATTRIBUTION.matcher(line.strip()).matches()) {
                flush(parts, current, quoted);
                var rest = String.join("\n", java.util.Arrays.copyOfRange(lines, i, lines.length));
                parts.add(new TextPart(rest.strip(), true));
                return parts;
            }
            var isQuote = line.startsWith(">");
            if (isQuote != quoted && !line.isBlank()) {
                flush(parts, current, quoted);
                quoted = isQuote;
            }
            current.append(line).append('\n');
        }
        flush(parts, current, quoted);
        return parts;
    }

    private static void flush(List<TextPart> parts, StringBuilder current, boolean quoted) {
        var text = current.toString().strip();
        if (!text.isEmpty()) {
            parts.add(new TextPart(text, quoted));
        }
        current.setLength(0);
    }
}
