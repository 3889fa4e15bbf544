package org.opportune.triage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What text a phrase rule needs before its regular expression can match: a conjunction of clauses,
 * each a set of {@linkplain #fold folded} literals of which at least one must occur in the folded text.
 * The classifier skips a rule whose clauses the text does not satisfy, so this must never say "cannot
 * match" for a text the expression matches; it may say "can match" too often. Patterns with a construct
 * it does not know (backreferences, quoting, inline flags, ranges of letters ...) get no clauses:
 * their expression always runs.
 *
 * <p>Case: rules match with {@code CASE_INSENSITIVE | UNICODE_CASE}, under which a pattern character
 * {@code p} matches a text character {@code t} when {@code fold(t) == fold(p)}, with
 * {@code fold(c) = toLowerCase(toUpperCase(c))}, the same fold {@link java.util.regex.Pattern} uses.
 */
final class RequiredLiterals {

    /** Literal sets larger than this stop being concatenated or kept (the scanner finds any number in one pass). */
    private static final int MAX_SET = 512;
    /** Clauses whose shortest literal is shorter than this say too little to be worth checking. */
    private static final int MIN_USEFUL = 3;

    private final String pattern;
    private int at;

    private RequiredLiterals(String pattern) {
        this.pattern = pattern;
    }

    /** The clauses for a pattern; empty when nothing can be said (the expression always runs). */
    static List<Set<String>> of(String pattern) {
        try {
            var parser = new RequiredLiterals(pattern);
            var node = parser.alternation();
            if (parser.at != pattern.length()) {
                return List.of();
            }
            return node.useful();
        } catch (Unsupported e) {
            return List.of();
        }
    }

    /** The case fold of the rules' matching, per UTF-16 unit (surrogates are left as they are). */
    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        if (Character.isSurrogate(c)) {
            return c;
        }
        return (char) Character.toLowerCase(Character.toUpperCase((int) c));
    }

    static String fold(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            var f = fold(c);
            if (f != c) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = f;
            }
        }
        return chars == null ? text : new String(chars);
    }

    // ---- what a piece of a pattern says -----------------------------------------------------------

    /**
     * @param exact   every string the piece can match (folded), when that is a small finite set; else null
     * @param clauses what any match of the piece must contain
     */
    private record Node(@Nullable Set<String> exact, List<Set<String>> clauses) {

        static final Node ANY = new Node(null, List.of());
        static final Node EMPTY = new Node(Set.of(""), List.of());

        static Node exact(Set<String> strings) {
            return strings.size() > MAX_SET ? ANY : new Node(strings, List.of());
        }

        /** All clauses, the exact set counting as one when it has no empty string. */
        List<Set<String>> all() {
            var all = new ArrayList<>(clauses);
            if (exact != null && !exact.contains("")) {
                all.add(exact);
            }
            return all;
        }

        List<Set<String>> useful() {
            return all().stream().filter(clause -> clause.stream().allMatch(s -> s.length() >= MIN_USEFUL)).toList();
        }

        /** The one clause that says most: the longest shortest literal, then the fewest literals. */
        @Nullable Set<String> best() {
            Set<String> best = null;
            for (var clause : all()) {
                if (best == null || score(clause) > score(best)) {
                    best = clause;
                }
            }
            return best;
        }

        private static double score(Set<String> clause) {
            var shortest = clause.stream().mapToInt(String::length).min().orElse(0);
            return Math.min(shortest, 8) - clause.size() / 100.0;
        }
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    // ---- a small parser of the regular expressions rules use --------------------------------------

    private Node alternation() {
        var branches = new ArrayList<Node>();
        branches.add(sequence());
        while (at < pattern.length() && pattern.charAt(at) == '|') {
            at++;
            branches.add(sequence());
        }
        if (branches.size() == 1) {
            return branches.get(0);
        }
        Set<String> exact = new LinkedHashSet<>();
        for (var branch : branches) {
            if (branch.exact() == null || exact == null) {
                exact = null;
            } else {
                exact.addAll(branch.exact());
            }
        }
        if (exact != null && exact.size() <= MAX_SET) {
            return new Node(exact, List.of());
        }
        // a match goes through one branch, so it contains one literal of that branch's best clause
        var union = new LinkedHashSet<String>();
        for (var branch : branches) {
            var best = branch.best();
            if (best == null) {
                return Node.ANY;
            }
            union.addAll(best);
        }
        return union.size() > MAX_SET ? Node.ANY : new Node(null, List.of(union));
    }

    private Node sequence() {
        var clauses = new ArrayList<Set<String>>();
        Set<String> run = Set.of("");
        var wholeExact = true;
        while (at < pattern.length() && pattern.charAt(at) != '|' && pattern.charAt(at) != ')') {
            var item = quantified(atom());
            if (item.exact() != null && run != null) {
                run = concat(run, item.exact());
            } else {
                wholeExact = false;
                if (run != null && !run.contains("")) {
                    clauses.add(run);
                }
                clauses.addAll(item.all());
                run = item.exact() == null ? null : item.exact();
            }
            if (run != null && run.size() > MAX_SET) {
                wholeExact = false;
                run = null;
            }
        }
        if (wholeExact && run != null) {
            return new Node(run, List.of());
        }
        if (run != null && !run.contains("")) {
            clauses.add(run);
        }
        return new Node(null, clauses);
    }

    private static Set<String> concat(Set<String> left, Set<String> right) {
        var out = new LinkedHashSet<String>();
        for (var l : left) {
            for (var r : right) {
                out.add(l + r);
                if (out.size() > MAX_SET) {
                    return out;
                }
            }
        }
        return out;
    }

    private Node quantified(Node atom) {
        if (at >= pattern.length()) {
            return atom;
        }
        int min;
        int max;
        var c = pattern.charAt(at);
        switch (c) {
            case '?' -> {
                min = 0;
                max = 1;
                at++;
            }
            case '*' -> {
                min = 0;
                max = Integer.MAX_VALUE;
                at++;
            }
            case '+' -> {
                min = 1;
                max = Integer.MAX_VALUE;
                at++;
            }
            case '{' -> {
                var close = pattern.indexOf('}', at);
                if (close < 0) {
                    throw new Unsupported();
                }
                var bounds = pattern.substring(at + 1, close).split(",", -1);
                try {
                    min = Integer.parseInt(bounds[0].strip());
                    max = bounds.length == 1 ? min : bounds[1].isBlank() ? Integer.MAX_VALUE : Integer.parseInt(bounds[1].strip());
                } catch (NumberFormatException e) {
                    throw new Unsupported();
                }
                if (bounds.length > 2) {
                    throw new Unsupported();
                }
                at = close + 1;
            }
            default -> {
                return atom;
            }
        }
        if (at < pattern.length() && (pattern.charAt(at) == '?' || pattern.charAt(at) == '+')) {
            at++; // reluctant or possessive: matches the same strings
        }
        if (min == 0) {
            return max == 1 && atom.exact() != null ? Node.exact(union(atom.exact(), Set.of(""))) : Node.ANY;
        }
        if (min == 1 && max == 1) {
            return atom;
        }
        // at least one repetition: what one repetition needs, a match needs
        return new Node(null, atom.all());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    private Node atom() {
        var c = pattern.charAt(at);
        switch (c) {
            case '(' -> {
                return group();
            }
            case '[' -> {
                return characterClass();
            }
            case '\\' -> {
                return escape();
            }
            case '.' -> {
                at++;
                return Node.ANY;
            }
            case '^', '$' -> {
                at++;
                return Node.EMPTY;
            }
            case '*', '+', '?', '{' -> throw new Unsupported();
            default -> {
                at++;
                if (Character.isSurrogate(c)) {
                    throw new Unsupported();
                }
                return literal(c);
            }
        }
    }

    private static Node literal(char c) {
        var folded = fold(c);
        // a character whose fold is not stable would make the fold above unsound: do not rely on it
        if (fold(folded) != folded) {
            return Node.ANY;
        }
        return new Node(Set.of(String.valueOf(folded)), List.of());
    }

    private Node group() {
        at++;
        if (pattern.startsWith("?:", at)) {
            at += 2;
        } else if (pattern.startsWith("?=", at) || pattern.startsWith("?!", at)) {
            at += 2;
            alternation();
            expect(')');
            return Node.EMPTY;
        } else if (pattern.startsWith("?<=", at) || pattern.startsWith("?<!", at)) {
            at += 3;
            alternation();
            expect(')');
            return Node.EMPTY;
        } else if (pattern.startsWith("?<", at)) {
            var close = pattern.indexOf('>', at);
            if (close < 0) {
                throw new Unsupported();
            }
            at = close + 1; // a named group
        } else if (pattern.startsWith("?", at)) {
            throw new Unsupported(); // inline flags, atomic groups: not worth the risk
        }
        var inner = alternation();
        expect(')');
        return inner;
    }

    private void expect(char c) {
        if (at >= pattern.length() || pattern.charAt(at) != c) {
            throw new Unsupported();
        }
        at++;
    }

    /** A class of a few single characters (no ranges, no escapes, not negated) is a small exact set; any other matches one character. */
    private Node characterClass() {
        var start = at;
        at++;
        var depth = 1;
        var first = true;
        while (at < pattern.length() && depth > 0) {
            var c = pattern.charAt(at);
            if (c == '\\') {
                at += 2;
            } else if (c == '[') {
                depth++;
                at++;
            } else if (c == ']' && !(first && at == start + 1)) {
                depth--;
                at++;
            } else {
                at++;
            }
            first = false;
        }
        if (depth > 0) {
            throw new Unsupported();
        }
        var body = pattern.substring(start + 1, at - 1);
        if (body.isEmpty() || body.startsWith("^") || body.contains("\\") || body.contains("[") || body.contains("&&")
                || body.contains("-") || body.length() > 8) {
            return Node.ANY;
        }
        var chars = new LinkedHashSet<String>();
        for (var c : body.toCharArray()) {
            if (Character.isSurrogate(c)) {
                return Node.ANY;
            }
            var single = literal(c);
            if (single.exact() == null) {
                return Node.ANY;
            }
            chars.addAll(single.exact());
        }
        return new Node(chars, List.of());
    }

    private Node escape() {
        if (at + 1 >= pattern.length()) {
            throw new Unsupported();
        }
        var c = pattern.charAt(at + 1);
        at += 2;
        switch (c) {
            case 'b', 'B', 'A', 'z', 'Z', 'G' -> {
                return Node.EMPTY;
            }
            case 's', 'S', 'w', 'W', 'd', 'D', 'h', 'H', 'v', 'V', 'R', 'X' -> {
                return Node.ANY;
            }
            case 'p', 'P' -> {
                if (at < pattern.length() && pattern.charAt(at) == '{') {
                    var close = pattern.indexOf('}', at);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    at = close + 1;
                } else {
                    at++;
                }
                return Node.ANY;
            }
            case 'n' -> {
                return literal('\n');
            }
            case 't' -> {
                return literal('\t');
            }
            case 'r' -> {
                return literal('\r');
            }
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    throw new Unsupported(); // backreferences, quoting, numeric escapes ...: always run the expression
                }
                return literal(c);
            }
        }
    }
}
