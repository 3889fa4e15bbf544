package org.opportune.triage;

import java.util.List;

/**
 * The classifier's answer.
 *
 * @param confidence   0..1, from the weights of the rules that matched
 * @param explanation  for a person: the kind of signal and the words that matched, such as
 *                     {@code buying signal: asks for a quote: 'can you send us a quote'}
 * @param matchedRules the ids of the rules that decided it
 */
public record TriageResult(Category category, double confidence, String explanation, List<String> matchedRules) {

    public TriageResult {
        confidence = Math.max(0, Math.min(1, Math.round(confidence * 100) / 100.0));
        matchedRules = List.copyOf(matchedRules);
    }
}
