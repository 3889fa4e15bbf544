package org.opportune.triage;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Rule-based triage of one message, without Spring: a person's override for the sender first, then
 * headers (auto-replies, bounces, lists), then our own domains (internal, unless a colleague forwards
 * an enquiry), then weighted phrase rules with negation and cold-pitch awareness.
 */
final class TriageClassifier {

    /** Below this, no phrase family is convincing and the message is {@code other}. */
    static final double THRESHOLD = 0.45;
    private static final int NEGATION_WINDOW = 5;
    private static final Pattern NEGATOR = Pattern.compile(
            "^(no|not|don't|dont|doesn't|didn't|never|without|nor|neither|kein|keine|keinen|keinem|keiner|nicht|nie|ohne"
                    + "|pas|ne|n'|sans|jamais|sin|nunca|tampoco|ni)$|n't$|^n'",
            TriageRule.FLAGS);
    private static final Pattern CLAUSE_END = Pattern.compile("[.;:!?\\n,]|\\s[-–—]\\s");
    private static final Pattern AFTER_NEGATION = Pattern.compile(
            "^\\W*(\\w+\\W+){0,3}?(is |are |ist |sind |n'est |no es )?(not (needed|necessary|required)|nicht (nötig|notwendig|erforderlich)"
                    + "|pas (nécessaire|utile)|no (es )?necesario|no hace falta)", TriageRule.FLAGS);
    private static final Pattern MAILER_DAEMON = Pattern.compile("^(mailer-daemon|postmaster|mail-daemon)@", Pattern.CASE_INSENSITIVE);
    private static final Pattern BULK_PRECEDENCE = Pattern.compile("^\\s*(bulk|list|junk)\\b", Pattern.CASE_INSENSITIVE);
    private static final int QUOTE_MAX = 70;

    private final TriageRules rules;
    private final @Nullable RulePrefilter prefilter;

    TriageClassifier(TriageRules rules) {
        this(rules, true);
    }

    /**
     * @param prefilter whether to skip the rules whose expression cannot match (see {@link RulePrefilter});
     *                  without, every expression runs over every text: the same results, slower (for tests)
     */
    TriageClassifier(TriageRules rules, boolean prefilter) {
        this.rules = rules;
        this.prefilter = prefilter ? rules.prefilter() : null;
    }

    TriageResult classify(TriageInput input) {
        if (input.senderOverride() != null) {
            return new TriageResult(input.senderOverride(), 1.0,
                    input.senderOverride().words() + ": matched: your override for this sender", List.of("override.sender"));
        }
        var text = TriageText.of(input.subject(), input.textBody());
        var byHeader = headers(input, text);
        if (byHeader != null) {
            return byHeader;
        }
        var sender = effectiveSender(input);
        if (isOwn(sender, input)) {
            return internal(input, text, sender);
        }
        return phrases(input, text);
    }

    // ---- headers --------------------------------------------------------------------------------

    private @Nullable TriageResult headers(TriageInput input, TriageText text) {
        var autoSubmitted = lower(input.header("auto-submitted"));
        var contentType = lower(input.header("content-type"));
        var returnPath = lower(input.header("return-path"));
        if (contentType.startsWith("multipart/report")) {
            return auto("header.multipart_report", "a delivery or read report: 'Content-Type: multipart/report'");
        }
        if (MAILER_DAEMON.matcher(input.fromAddress()).find() || returnPath.replaceAll("\\s", "").equals("<>")) {
            return auto("header.bounce", "a bounce from the mail system: '" + (returnPath.isEmpty() ? input.fromAddress() : "Return-Path: <>") + "'");
        }
        if (autoSubmitted.startsWith("auto-replied")) {
            return auto("header.auto_submitted", "automatic reply: 'Auto-Submitted: " + autoSubmitted + "'");
        }
        for (var name : List.of("x-autoreply", "x-autorespond", "x-autoresponder")) {
            if (input.header(name) != null) {
                return auto("header." + name.replace('-', '_'), "automatic reply: '" + name + "'");
            }
        }
        var listHeaders = new ArrayList<String>();
        if (input.header("list-unsubscribe") != null) {
            listHeaders.add("List-Unsubscribe");
        }
        if (input.header("list-id") != null) {
            listHeaders.add("List-Id");
        }
        if (BULK_PRECEDENCE.matcher(lower(input.header("precedence"))).find()) {
            listHeaders.add("Precedence: " + lower(input.header("precedence")).strip());
        }
        if (!listHeaders.isEmpty()) {
            return new TriageResult(Category.BULK, Math.min(0.98, 0.85 + 0.05 * listHeaders.size()),
                    "bulk: mailing list or newsletter headers: '" + String.join("', '", listHeaders) + "'",
                    listHeaders.stream().map(h -> "header." + h.replaceAll(":.*", "").toLowerCase(Locale.ROOT).replace('-', '_')).toList());
        }
        if (autoSubmitted.startsWith("auto-")) {
            return auto("header.auto_submitted", "sent by a machine: 'Auto-Submitted: " + autoSubmitted + "'");
        }
        var found = prefilter == null ? null : prefilter.scan(input.subject());
        for (var rule : rules.all()) {
            if (rule.where().equals("subject") && rule.category() == Category.AUTO_REPLY && canMatch(rule, found)) {
                var matcher = rule.compiled().matcher(input.subject());
                if (matcher.find()) {
                    return new TriageResult(Category.AUTO_REPLY, rule.weight(),
                            "auto reply: " + rule.kind() + ": '" + quote(matcher.group()) + "'", List.of(rule.id()));
                }
            }
        }
        return null;
    }

    private static TriageResult auto(String rule, String why) {
        return new TriageResult(Category.AUTO_REPLY, 0.97, "auto reply: " + why, List.of(rule));
    }

    // ---- own domains ----------------------------------------------------------------------------

    /** Who we would answer: a web form sends as us but replies to the enquirer. */
    private static String effectiveSender(TriageInput input) {
        if (input.replyTo() != null && isOwn(input.fromAddress(), input) && !isOwn(input.replyTo(), input)) {
            return input.replyTo();
        }
        return input.fromAddress();
    }

    private static boolean isOwn(String address, TriageInput input) {
        var at = address.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        var domain = address.substring(at + 1);
        return input.ownDomains().stream().anyMatch(own -> domain.equals(own) || domain.endsWith("." + own));
    }

    private TriageResult internal(TriageInput input, TriageText text, String sender) {
        if (text.forward() && !text.forwardedText().isBlank()) {
            var forwarded = score(text.forwardedText(), List.of(), input.relationship());
            var buying = forwarded.scores.get(Category.BUYING_SIGNAL);
            if (forwarded.best() == Category.BUYING_SIGNAL && buying >= THRESHOLD) {
                return new TriageResult(Category.BUYING_SIGNAL, buying * 0.95,
                        "buying signal: forwarded by a colleague: " + forwarded.reasons(Category.BUYING_SIGNAL),
                        forwarded.ids(Category.BUYING_SIGNAL));
            }
        }
        var domain = sender.substring(sender.lastIndexOf('@') + 1);
        return new TriageResult(Category.INTERNAL, 0.9, "internal: sent from our own domain '" + domain + "'", List.of("sender.own_domain"));
    }

    // ---- phrases --------------------------------------------------------------------------------

    private TriageResult phrases(TriageInput input, TriageText text) {
        var body = text.ownWithSubject() + (text.forwardedText().isBlank() ? "" : "\n" + text.forwardedText());
        var scored = score(body, input.attachmentNames(), input.relationship());
        var best = scored.best();
        var top = scored.scores.get(best);
        if (top < THRESHOLD) {
            var why = scored.notes.isEmpty() ? "no buying, support or supplier signal matched"
                    : "no clear signal; " + String.join("; ", scored.notes);
            return new TriageResult(Category.OTHER, 0.5 + (THRESHOLD - top) / 2, "other: " + why, List.of());
        }
        var second = scored.scores.entrySet().stream().filter(e -> e.getKey() != best)
                .mapToDouble(Map.Entry::getValue).max().orElse(0);
        var confidence = top * (1 - second / 2);
        var explanation = best.words() + ": " + scored.reasons(best)
                + (scored.notes.isEmpty() ? "" : " (" + String.join("; ", scored.notes) + ")");
        return new TriageResult(best, confidence, explanation, scored.ids(best));
    }

    private Scored score(String text, List<String> attachmentNames, Relationship relationship) {
        var scored = new Scored();
        var found = prefilter == null ? null : prefilter.scan(text);
        for (var rule : rules.all()) {
            switch (rule.where()) {
                case "text" -> {
                    if (canMatch(rule, found)) {
                        matchText(rule, text, scored);
                    }
                }
                case "attachment" -> attachmentNames.forEach(name -> {
                    var matcher = rule.compiled().matcher(name);
                    if (matcher.find()) {
                        scored.add(rule, name);
                    }
                });
                default -> {
                }
            }
        }
        scored.combine(relationship);
        return scored;
    }

    private boolean canMatch(TriageRule rule, @Nullable BitSet found) {
        return prefilter == null || found == null || prefilter.canMatch(rule, found);
    }

    private static void matchText(TriageRule rule, String text, Scored scored) {
        Matcher matcher = rule.compiled().matcher(text);
        while (matcher.find()) {
            if (matcher.group().isBlank()) {
                continue;
            }
            if (rule.negatable() && negated(text, matcher.start(), matcher.end())) {
                scored.notes.add("ignored '" + quote(matcher.group()) + "': negated");
                continue;
            }
            scored.add(rule, matcher.group());
            return;
        }
    }

    /** A negation in the same clause, a few words before the phrase or inside it, or "... not needed" right after it. */
    static boolean negated(String text, int start, int end) {
        var clauseStart = 0;
        var before = text.substring(0, start);
        var clause = CLAUSE_END.matcher(before);
        while (clause.find()) {
            clauseStart = clause.end();
        }
        var window = before.substring(clauseStart).strip();
        var words = new ArrayList<>(List.of(window.isEmpty() ? new String[0] : window.split("[\\s]+")));
        var from = Math.max(0, words.size() - NEGATION_WINDOW);
        var candidates = new ArrayList<>(words.subList(from, words.size()));
        candidates.addAll(List.of(text.substring(start, end).split("\\s+")));
        for (var word : candidates) {
            var bare = word.replaceAll("^[^\\p{L}']+|[^\\p{L}']+$", "").replace('’', '\'');
            if (!bare.isEmpty() && NEGATOR.matcher(bare).find()) {
                return true;
            }
        }
        var after = text.substring(end, Math.min(text.length(), end + 60));
        return AFTER_NEGATION.matcher(after).find();
    }

    static String quote(String matched) {
        var oneLine = matched.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= QUOTE_MAX ? oneLine : oneLine.substring(0, QUOTE_MAX - 1) + "…";
    }

    private static String lower(@Nullable String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    /** The matched rules per category and what they add up to. */
    private static final class Scored {

        final Map<Category, Double> scores = new EnumMap<>(Category.class);
        final Map<Category, List<String>> reasons = new EnumMap<>(Category.class);
        final Map<Category, List<String>> ids = new EnumMap<>(Category.class);
        final List<String> notes = new ArrayList<>();

        Scored() {
            for (var category : Category.values()) {
                scores.put(category, 0.0);
                reasons.put(category, new ArrayList<>());
                ids.put(category, new ArrayList<>());
            }
        }

        void add(TriageRule rule, String matched) {
            var category = rule.category();
            scores.put(category, 1 - (1 - scores.get(category)) * (1 - rule.weight()));
            reasons.get(category).add(rule.kind() + ": '" + quote(matched) + "'");
            ids.get(category).add(rule.id());
        }

        /**
         * Cold pitches and suppliers talk about quotes and prices too, but offer them to us: their
         * weight takes away from the buying signal (and a pitch's "we can fix" from support). A known supplier's message is rarely a lead; a
         * known customer's interest is a stronger one.
         */
        void combine(Relationship relationship) {
            var pitch = scores.get(Category.OTHER);
            var supplier = scores.get(Category.SUPPLIER);
            var buying = scores.get(Category.BUYING_SIGNAL) * (1 - pitch) * (1 - supplier * 0.6);
            switch (relationship) {
                case SUPPLIER -> {
                    buying *= 0.5;
                    supplier = 1 - (1 - supplier) * 0.6;
                }
                case CUSTOMER, PARTNER -> buying = buying > 0 ? 1 - (1 - buying) * 0.8 : 0;
                default -> {
                }
            }
            if (pitch > 0 && scores.get(Category.BUYING_SIGNAL) > 0) {
                notes.add("reads as someone offering us something");
            }
            scores.put(Category.BUYING_SIGNAL, buying);
            scores.put(Category.SUPPORT, scores.get(Category.SUPPORT) * (1 - pitch));
            scores.put(Category.SUPPLIER, supplier);
        }

        /** The highest score; on a tie the earlier of buying signal, supplier, support, bulk, auto reply, other. */
        Category best() {
            var best = Category.OTHER;
            var bestScore = -1.0;
            for (var category : List.of(Category.BUYING_SIGNAL, Category.SUPPLIER, Category.SUPPORT, Category.BULK,
                    Category.AUTO_REPLY, Category.OTHER)) {
                if (scores.get(category) > bestScore + 1e-9) {
                    best = category;
                    bestScore = scores.get(category);
                }
            }
            return best;
        }

        String reasons(Category category) {
            return String.join("; ", reasons.get(category).stream().limit(3).toList());
        }

        List<String> ids(Category category) {
            return ids.get(category);
        }
    }
}
