package org.opportune.mail;

import java.util.Map;

/** A message that cannot be queued as written; {@link #errors()} says what to fix, per field. */
public class OutboxRuleException extends RuntimeException {

    private final Map<String, String> errors;

    public OutboxRuleException(Map<String, String> errors) {
        super(String.join(" ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
