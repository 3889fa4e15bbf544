package org.opportune.triage;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** A message's stored triage; {@code overriddenBy} is set when a person chose the category. */
public record TriageView(long messageId, Category category, double confidence, String explanation,
        List<String> matchedRules, Instant classifiedAt, @Nullable String overriddenBy, @Nullable Instant overriddenAt) {
}
