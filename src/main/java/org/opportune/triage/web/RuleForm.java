package org.opportune.triage.web;

import org.jspecify.annotations.Nullable;

import org.opportune.triage.TriageRuleView;

/** The rule editor's form, as typed; the service checks it. Unchecked boxes arrive as null. */
public record RuleForm(
        @Nullable Boolean isNew,
        @Nullable String id,
        @Nullable String category,
        @Nullable String language,
        @Nullable String where,
        @Nullable String kind,
        @Nullable String weight,
        @Nullable String pattern,
        @Nullable Boolean negatable,
        @Nullable Boolean enabled) {

    static RuleForm of(TriageRuleView rule) {
        return new RuleForm(false, rule.id(), rule.category().label(), rule.language(), rule.where(), rule.kind(),
                Double.toString(rule.weight()), rule.pattern(), rule.negatable(), rule.enabled());
    }

    static RuleForm empty() {
        return new RuleForm(true, "", "buying_signal", "en", "text", "", "0.7", "", true, true);
    }

    public boolean creating() {
        return Boolean.TRUE.equals(isNew);
    }

    public boolean negatableChecked() {
        return Boolean.TRUE.equals(negatable);
    }

    public boolean enabledChecked() {
        return Boolean.TRUE.equals(enabled);
    }

    public String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
