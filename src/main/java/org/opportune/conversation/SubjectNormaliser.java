package org.opportune.conversation;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reduces a subject to its base subject, the way RFC 5256 does for threading, and says whether it
 * looked like a reply or a forward.
 *
 * <p>Removed, repeatedly and in any order: reply and forward prefixes in the languages our customers
 * write in ({@code Re:}, {@code Fwd:}, {@code FW:}, German {@code AW:}/{@code WG:}, Scandinavian
 * {@code SV:}/{@code VS:}, French {@code TR:}/{@code Réf.:}, Spanish {@code RV:}, Dutch
 * {@code Antw:}, Polish {@code Odp:}), with counters such as {@code RE[2]:} or {@code Re^2:} and a
 * list tag between prefix and colon ({@code Re [list]:}); leading list tags such as
 * {@code [fedora-devel]}; the {@code [Fwd: …]} wrapper; trailing {@code (fwd)}. Whitespace is
 * collapsed. A subject that is only a list tag keeps it, so it does not become empty. Only prefixes,
 * the wrapper and the trailer make a subject a reply: a list tag alone does not.
 */
final class SubjectNormaliser {

    private static final int MAX_LENGTH = 500;

    private static final Pattern PREFIX = Pattern.compile(
            "^(?:re|fwd?|aw|wg|sv|vs|tr|rv|réf\\.?|antw|odp)"
                    + "\\s*(?:\\[\\d+]|\\^\\d+|\\(\\d+\\))?\\s*(?:\\[[^\\[\\]]*]\\s*)?[:：]\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern LIST_TAG = Pattern.compile("^\\[[^\\[\\]]*]\\s*");
    private static final Pattern TRAILER = Pattern.compile("\\s*\\(fwd\\)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FWD_WRAPPER = Pattern.compile("^\\[fwd?:\\s*(.*)]$", Pattern.CASE_INSENSITIVE);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SubjectNormaliser() {
    }

    /**
     * @param base  the subject without prefixes, tags and trailers, as written (for display)
     * @param reply whether a reply or forward marker was removed
     */
    record NormalisedSubject(String base, boolean reply) {

        /** What two subjects are compared by: the base subject in lower case. */
        String key() {
            return base.toLowerCase(Locale.ROOT);
        }
    }

    static NormalisedSubject normalise(String subject) {
        var text = WHITESPACE.matcher(subject).replaceAll(" ").strip();
        var reply = false;
        var changed = true;
        while (changed) {
            changed = false;
            var trailer = TRAILER.matcher(text);
            if (trailer.find()) {
                text = text.substring(0, trailer.start()).strip();
                reply = true;
                changed = true;
            }
            var prefix = PREFIX.matcher(text);
            if (prefix.find()) {
                text = text.substring(prefix.end());
                reply = true;
                changed = true;
            }
            var tag = LIST_TAG.matcher(text);
            if (tag.find() && tag.end() < text.length()) {
                text = text.substring(tag.end());
                changed = true;
            }
            var wrapper = FWD_WRAPPER.matcher(text);
            if (wrapper.matches()) {
                text = wrapper.group(1).strip();
                reply = true;
                changed = true;
            }
        }
        return new NormalisedSubject(truncate(text), reply);
    }

    static String truncate(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH);
    }
}
