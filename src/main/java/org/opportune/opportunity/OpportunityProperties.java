package org.opportune.opportunity;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of opportunities, prefix {@code opportune.opportunity}.
 *
 * @param defaultCurrency ISO 4217 code a new opportunity gets
 * @param timeZone        where "today" is for due dates (empty: the server's zone)
 * @param lostReasons     the reasons a person picks from when an opportunity is lost, key → label;
 *                        the key {@code other} asks for free text
 * @param nextAction      how vague next actions are recognised
 */
@ConfigurationProperties("opportune.opportunity")
public record OpportunityProperties(
        @DefaultValue("EUR") String defaultCurrency,
        @DefaultValue("") String timeZone,
        @Nullable Map<String, String> lostReasons,
        @DefaultValue NextAction nextAction) {

    /** Used when no lost reasons are configured. */
    static final Map<String, String> DEFAULT_LOST_REASONS = orderedReasons();

    public ZoneId zone() {
        return timeZone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(timeZone);
    }

    public Map<String, String> reasons() {
        return lostReasons == null || lostReasons.isEmpty() ? DEFAULT_LOST_REASONS : lostReasons;
    }

    /** The defaults, for tests and tools that run without Spring. */
    static OpportunityProperties defaults() {
        return new OpportunityProperties("EUR", "", null, new NextAction(List.of(), List.of(), List.of(), ""));
    }

    private static Map<String, String> orderedReasons() {
        var reasons = new java.util.LinkedHashMap<String, String>();
        reasons.put("price", "Price too high");
        reasons.put("competitor", "Chose a competitor");
        reasons.put("no_budget", "No budget");
        reasons.put("no_decision", "No decision / project stopped");
        reasons.put("timing", "Bad timing");
        reasons.put("requirements", "We could not meet the requirements");
        reasons.put("unresponsive", "Customer stopped responding");
        reasons.put("other", "Other (say what)");
        return java.util.Collections.unmodifiableMap(reasons);
    }

    /**
     * @param vaguePhrases      phrases that say nothing about what will be done ("follow up"); empty: the built-in
     *                          list in English, German, French and Spanish
     * @param additionalPhrases phrases added to those
     * @param fillerWords       words that do not make an action concrete ("the", "customer", "next week"); empty:
     *                          the built-in list
     * @param vaguePattern      a regular expression; a next action that matches it entirely (case-insensitive) is
     *                          vague; empty: the built-in pattern
     */
    public record NextAction(
            @DefaultValue List<String> vaguePhrases,
            @DefaultValue List<String> additionalPhrases,
            @DefaultValue List<String> fillerWords,
            @DefaultValue("") String vaguePattern) {
    }
}
