package org.opportune.triage;

/**
 * One phrase rule as the rule editor shows it: a shipped default, a default an admin changed, or a rule
 * an admin added; a disabled rule takes no part in triage.
 *
 * @param where    text, subject or attachment: where the pattern is looked for
 * @param language en, de, fr, es or any
 */
public record TriageRuleView(String id, Category category, String language, String where, String kind, double weight,
        String pattern, boolean negatable, boolean enabled, Origin origin) {

    public enum Origin {
        DEFAULT, EDITED, ADDED;

        public String label() {
            return switch (this) {
                case DEFAULT -> "default";
                case EDITED -> "edited";
                case ADDED -> "added";
            };
        }
    }
}
