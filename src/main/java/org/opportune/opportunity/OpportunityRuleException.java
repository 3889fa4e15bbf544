package org.opportune.opportunity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change the rules refuse, with a message per field ({@code ""} for the whole opportunity) that says
 * what to do instead. Pages show the messages next to the fields; the API answers 400 with them.
 */
public class OpportunityRuleException extends RuntimeException {

    private final Map<String, String> errors;

    OpportunityRuleException(Map<String, String> errors) {
        super(String.join(" ", errors.values()));
        this.errors = Map.copyOf(new LinkedHashMap<>(errors));
    }

    public static OpportunityRuleException of(String field, String message) {
        return new OpportunityRuleException(Map.of(field, message));
    }

    public Map<String, String> errors() {
        return errors;
    }
}
