package org.opportune.triage;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which phrase rules can match a text, from the {@link RequiredLiterals} of every rule, found in one
 * pass over the folded text: a rule is skipped only when its expression cannot match, so the
 * classification is the same as running every expression, only cheaper.
 */
final class RulePrefilter {

    /** Per rule: its clauses, each the indexes of its literals in the scanner; no clauses: always a candidate. */
    private final Map<TriageRule, int[][]> clausesByRule = new IdentityHashMap<>();
    private final LiteralScanner scanner;

    RulePrefilter(List<TriageRule> rules) {
        var literals = new ArrayList<String>();
        var indexes = new HashMap<String, Integer>();
        for (var rule : rules) {
            var clauses = RequiredLiterals.of(rule.pattern());
            var compiled = new int[clauses.size()][];
            for (int i = 0; i < clauses.size(); i++) {
                compiled[i] = clauses.get(i).stream().mapToInt(literal -> indexes.computeIfAbsent(literal, l -> {
                    literals.add(l);
                    return literals.size() - 1;
                })).toArray();
            }
            clausesByRule.put(rule, compiled);
        }
        scanner = new LiteralScanner(literals);
    }

    /** The literals found in a text, for {@link #canMatch}. */
    BitSet scan(String text) {
        return scanner.find(RequiredLiterals.fold(text));
    }

    /** False only when the rule's expression cannot match the scanned text. */
    boolean canMatch(TriageRule rule, BitSet found) {
        var clauses = clausesByRule.get(rule);
        if (clauses == null) {
            return true;
        }
        for (var clause : clauses) {
            var any = false;
            for (var literal : clause) {
                if (found.get(literal)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** How many rules have a prefilter (for tests and curiosity). */
    long filtered() {
        return clausesByRule.values().stream().filter(c -> c.length > 0).count();
    }
}
