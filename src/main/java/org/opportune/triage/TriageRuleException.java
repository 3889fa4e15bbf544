package org.opportune.triage;

import java.util.Map;

/** A rule an admin typed that cannot be used, with a message per field. */
public class TriageRuleException extends RuntimeException {

    private final Map<String, String> errors;

    private TriageRuleException(Map<String, String> errors) {
        super("The rule is not valid: " + String.join(", ", errors.keySet()));
        this.errors = Map.copyOf(errors);
    }

    static TriageRuleException of(Map<String, String> errors) {
        return new TriageRuleException(errors);
    }

    /** Field name → what is wrong with it. */
    public Map<String, String> errors() {
        return errors;
    }
}
