package org.opportune.triage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which of many literals occur in a text, in one pass (Aho–Corasick): the classifier's
 * prefilter, so that a message's text is read once for all rules instead of once per rule.
 */
final class LiteralScanner {

    private static final class State {
        final Map<Character, State> next = new HashMap<>();
        final State[] ascii = new State[128];
        State fail;
        final List<Integer> outputs = new ArrayList<>(1);

        State step(char c) {
            return c < 128 ? ascii[c] : next.get(c);
        }

        void put(char c, State state) {
            if (c < 128) {
                ascii[c] = state;
            }
            next.put(c, state);
        }
    }

    private final State root = new State();
    private final int size;

    /** @param literals the literals, each found by its index */
    LiteralScanner(List<String> literals) {
        this.size = literals.size();
        for (int i = 0; i < literals.size(); i++) {
            var state = root;
            for (var c : literals.get(i).toCharArray()) {
                var next = state.step(c);
                if (next == null) {
                    next = new State();
                    state.put(c, next);
                }
                state = next;
            }
            state.outputs.add(i);
        }
        var queue = new ArrayDeque<State>();
        for (var child : root.next.values()) {
            child.fail = root;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            var state = queue.poll();
            for (var entry : state.next.entrySet()) {
                var c = entry.getKey();
                var child = entry.getValue();
                var fail = state.fail;
                while (fail != root && fail.step(c) == null) {
                    fail = fail.fail;
                }
                var target = fail.step(c);
                child.fail = target != null && target != child ? target : root;
                child.outputs.addAll(child.fail.outputs);
                queue.add(child);
            }
        }
    }

    /** The indexes of the literals that occur in {@code folded} (a text already folded like the literals). */
    BitSet find(String folded) {
        var found = new BitSet(size);
        var state = root;
        for (int i = 0; i < folded.length(); i++) {
            var c = folded.charAt(i);
            var next = state.step(c);
            while (next == null && state != root) {
                state = state.fail;
                next = state.step(c);
            }
            state = next == null ? root : next;
            for (var output : state.outputs) {
                found.set(output);
            }
        }
        return found;
    }
}
