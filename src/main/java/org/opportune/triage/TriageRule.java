package org.opportune.triage;

import java.util.regex.Pattern;

/**
 * One phrase rule: data, so that an admin can change it.
 *
 * @param category  the category it speaks for; {@link Category#OTHER} rules are cold pitches (someone selling to us)
 * @param language  en, de, fr, es, or any
 * @param where     text, subject or attachment
 * @param kind      what kind of signal it is, for the explanation ("asks for a quote")
 * @param negatable whether a negation shortly before it cancels it
 */
record TriageRule(String id, Category category, String language, String where, String kind, double weight,
        String pattern, boolean negatable, Pattern compiled) {

    static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    static TriageRule of(String id, Category category, String language, String where, String kind, double weight,
            String pattern, boolean negatable) {
        return new TriageRule(id, category, language, where, kind, weight, pattern, negatable, Pattern.compile(pattern, FLAGS));
    }
}
