package org.opportune.triage.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.triage.Category;
import org.opportune.triage.TriageRulePreview;
import org.opportune.triage.TriageRuleView;
import org.opportune.triage.TriageView;

/** What the triage pages and fragments need. */
public final class Pages {

    private Pages() {
    }

    /**
     * The category badge of one message, with its explanation and (for people who may) the override form.
     *
     * @param triage null while the message is not triaged yet
     */
    public record TriageBadge(long messageId, @Nullable TriageView triage, List<Category> categories, boolean canChange,
            @Nullable String error) {

        public String elementId() {
            return "triage-" + messageId;
        }
    }

    public record RulesPage(List<TriageRuleView> rules, long edited, long disabled) {
    }

    /** The rule form; {@code preview} is set after "Try on the last 500 messages". */
    public record RuleFormPage(RuleForm form, Map<String, String> errors, @Nullable TriageRulePreview preview,
            List<Category> categories, List<String> languages, List<String> locations, int previewMessages) {
    }
}
