package org.opportune.triage;

import org.jspecify.annotations.Nullable;

/**
 * An admin's new or changed phrase rule, as typed: the service checks it (the pattern must compile, the
 * weight must be in range) before it previews or saves it.
 *
 * @param isNew true to add a rule with a new id, false to change an existing one
 */
public record TriageRuleCommand(boolean isNew, String id, @Nullable Category category, String language, String where,
        String kind, double weight, String pattern, boolean negatable, boolean enabled) {
}
