package org.opportune.compose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The text of a template with its {@code {{variables}}}: checking that every variable is one we know
 * (when an admin saves it) and filling them in (when someone uses it). Anything else in braces is an
 * error, so a typo such as {@code {{contact.frist_name}}} is caught on saving, not in a customer's inbox.
 */
final class TemplateText {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    private TemplateText() {
    }

    /** What is wrong with the variables of this text, for the person who wrote it; empty when nothing is. */
    static List<String> problems(String text) {
        var unknown = new LinkedHashSet<String>();
        var matcher = VARIABLE.matcher(text);
        var rest = new StringBuilder();
        while (matcher.find()) {
            if (TemplateVariable.byKey(matcher.group(1)).isEmpty()) {
                unknown.add("{{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(rest, "");
        }
        matcher.appendTail(rest);
        var problems = new ArrayList<String>();
        if (!unknown.isEmpty()) {
            problems.add((unknown.size() == 1 ? "Unknown variable " : "Unknown variables ") + String.join(", ", unknown)
                    + ". Use one of " + known() + ".");
        }
        if (rest.indexOf("{{") >= 0 || rest.indexOf("}}") >= 0) {
            problems.add("A variable is written {{name}}, with two braces on each side; check the braces.");
        }
        return problems;
    }

    /** The text with each variable replaced by its value, or its stand-in when the value is missing. */
    static String render(String text, ReplyValues values) {
        var matcher = VARIABLE.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            var replacement = TemplateVariable.byKey(matcher.group(1)).map(v -> v.valueFor(values)).orElse(matcher.group());
            matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String known() {
        var keys = new ArrayList<String>();
        for (var variable : TemplateVariable.values()) {
            keys.add(variable.placeholder());
        }
        return String.join(", ", keys);
    }
}
