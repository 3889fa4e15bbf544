package org.opportune.triage;

import java.util.regex.Pattern;

/**
 * The parts of a message the classifier reads: the sender's own new text (no quoted history, no
 * signature) and, for a forward, the forwarded message.
 */
record TriageText(String subject, String ownText, String forwardedText, boolean reply, boolean forward) {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE;
    private static final Pattern REPLY_PREFIX = Pattern.compile("^\\s*(re|aw|antw|sv|vs|ref|réf|rif|r)\\s*(\\[\\d+\\])?\\s*:", FLAGS);
    private static final Pattern FORWARD_PREFIX = Pattern.compile("^\\s*(fwd?|wg|tr|rv|enc|i)\\s*:", FLAGS);
    private static final Pattern ANY_PREFIX = Pattern.compile("^(\\s*(re|aw|antw|sv|vs|ref|réf|rif|fwd?|wg|tr|rv|enc)\\s*(\\[\\d+\\])?\\s*:)+", FLAGS);
    private static final Pattern FORWARD_MARKER = Pattern.compile(
            "^[\\s>]*(-{2,}\\s*(forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|messaggio inoltrato)\\s*-*"
                    + "|begin forwarded message:|anfang der weitergeleiteten nachricht:|début du message réexpédié\\s*:)\\s*$", FLAGS);
    private static final Pattern ORIGINAL_MARKER = Pattern.compile(
            "^[\\s>]*-{2,}\\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original)\\s*-*\\s*$", FLAGS);
    private static final Pattern QUOTE_HEADER = Pattern.compile(
            "^(on|am|le|el)\\s[^\\n]{0,200}(\\n[^\\n]{0,200})?\\b(wrote|schrieb|a écrit|escribió)\\s*:?\\s*$", FLAGS);
    private static final Pattern OUTLOOK_HEADER = Pattern.compile(
            "^(from|von|de|da)\\s?:[^\\n]*\\n(sent|gesendet|envoyé|enviado|date|datum|fecha)\\s?:", FLAGS);
    private static final Pattern SOFT_BREAK = Pattern.compile("(?<=\\S)[ \\t]*\\n(?=[ \\t]*[\\p{L}\\d(\"'¿¡])");
    private static final Pattern SIGNATURE = Pattern.compile("^--\\s?$", Pattern.MULTILINE);
    private static final Pattern FORWARDED_HEADER_LINE = Pattern.compile(
            "^\\s*(from|to|cc|date|sent|subject|von|an|datum|gesendet|betreff|de|à|a|objet|envoyé|para|fecha|asunto|enviado)\\s?:.*$", FLAGS);

    static TriageText of(String subject, String body) {
        var text = body.replace("\r\n", "\n").replace('\r', '\n');
        var reply = REPLY_PREFIX.matcher(subject).find();
        var forwardMarker = FORWARD_MARKER.matcher(text);
        var own = text;
        var forwarded = "";
        var forward = FORWARD_PREFIX.matcher(subject).find();
        if (forwardMarker.find()) {
            own = text.substring(0, forwardMarker.start());
            forwarded = withoutForwardHeaders(text.substring(forwardMarker.end()));
            forward = true;
        } else if (forward) {
            // a forward from a client that writes the original as a quote ("-----Original Message-----" or "On ... wrote:")
            var original = firstOf(text, ORIGINAL_MARKER, QUOTE_HEADER, OUTLOOK_HEADER);
            if (original >= 0) {
                own = text.substring(0, original);
                forwarded = withoutForwardHeaders(unquoted(text.substring(original)));
            }
        }
        return new TriageText(ANY_PREFIX.matcher(subject).replaceFirst("").strip(), clean(own), clean(forwarded), reply, forward);
    }

    /** The subject and the sender's own text, for phrase rules. */
    String ownWithSubject() {
        return reply ? ownText : subject + "\n" + ownText;
    }

    private static String clean(String text) {
        var cut = firstOf(text, QUOTE_HEADER, ORIGINAL_MARKER, OUTLOOK_HEADER);
        if (cut >= 0) {
            text = text.substring(0, cut);
        }
        var signature = SIGNATURE.matcher(text);
        if (signature.find()) {
            text = text.substring(0, signature.start());
        }
        return unwrapped(unquoted(text)).strip();
    }

    /** Mail clients wrap lines at ~72 characters: a phrase and its negation may sit on two lines of one sentence. */
    private static String unwrapped(String text) {
        return SOFT_BREAK.matcher(text).replaceAll(" ");
    }

    private static String unquoted(String text) {
        var out = new StringBuilder();
        for (var line : text.split("\n", -1)) {
            if (!line.stripLeading().startsWith(">")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String withoutForwardHeaders(String text) {
        return FORWARDED_HEADER_LINE.matcher(text).replaceAll("");
    }

    private static int firstOf(String text, Pattern... patterns) {
        int first = -1;
        for (var pattern : patterns) {
            var matcher = pattern.matcher(text);
            if (matcher.find() && (first < 0 || matcher.start() < first)) {
                first = matcher.start();
            }
        }
        return first;
    }
}
