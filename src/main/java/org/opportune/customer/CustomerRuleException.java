package org.opportune.customer;

import java.util.Map;

/** A change was refused; {@link #errors()} has a message per field ({@code ""} for the whole form). Maps to 400. */
public class CustomerRuleException extends RuntimeException {

    private final Map<String, String> errors;

    public CustomerRuleException(Map<String, String> errors) {
        super(errors.size() == 1 ? errors.values().iterator().next() : "Check the highlighted fields.");
        this.errors = Map.copyOf(errors);
    }

    public static CustomerRuleException of(String field, String message) {
        return new CustomerRuleException(Map.of(field, message));
    }

    public Map<String, String> errors() {
        return errors;
    }
}
