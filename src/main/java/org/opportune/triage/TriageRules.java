package org.opportune.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The phrase rules: the defaults shipped in {@code triage/default-rules.yml}, with an admin's edits on top. */
final class TriageRules {

    static final String DEFAULTS = "/triage/default-rules.yml";

    private final List<TriageRule> rules;
    private volatile RulePrefilter prefilter;

    private TriageRules(List<TriageRule> rules) {
        this.rules = List.copyOf(rules);
    }

    static TriageRules defaults() {
        try (InputStream in = TriageRules.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing");
            }
            return new TriageRules(parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** These rules with edits applied by id: a changed rule replaces the default, a disabled one removes it, a new id adds one. */
    TriageRules with(List<RuleEdit> edits) {
        var byId = new LinkedHashMap<String, TriageRule>();
        rules.forEach(rule -> byId.put(rule.id(), rule));
        for (var edit : edits) {
            if (edit.enabled()) {
                byId.put(edit.rule().id(), edit.rule());
            } else {
                byId.remove(edit.rule().id());
            }
        }
        return new TriageRules(new ArrayList<>(byId.values()));
    }

    List<TriageRule> all() {
        return rules;
    }

    /** Which of these rules can match a text; built on first use. */
    RulePrefilter prefilter() {
        var built = prefilter;
        if (built == null) {
            built = new RulePrefilter(rules);
            prefilter = built;
        }
        return built;
    }

    /** A stored admin edit of one rule. */
    record RuleEdit(TriageRule rule, boolean enabled) {
    }

    @SuppressWarnings("unchecked")
    private static List<TriageRule> parse(InputStream in) {
        var yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> root = yaml.load(in);
        var list = new ArrayList<TriageRule>();
        for (var entry : (List<Map<String, Object>>) root.get("rules")) {
            var category = Category.fromLabel(String.valueOf(entry.get("category")));
            var negatable = entry.containsKey("negatable") ? (Boolean) entry.get("negatable") : category == Category.BUYING_SIGNAL;
            list.add(TriageRule.of(String.valueOf(entry.get("id")), category, String.valueOf(entry.getOrDefault("lang", "any")),
                    String.valueOf(entry.getOrDefault("where", "text")), String.valueOf(entry.get("kind")),
                    ((Number) entry.get("weight")).doubleValue(), String.valueOf(entry.get("pattern")), negatable));
        }
        return list;
    }
}
