package org.opportune.task;

import java.util.Map;

/** A task that breaks a rule, with a message per field ({@code ""} for the whole task) a person can act on. */
public class TaskRuleException extends RuntimeException {

    private final Map<String, String> errors;

    TaskRuleException(Map<String, String> errors) {
        super(String.join(" ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    static TaskRuleException of(String field, String message) {
        return new TaskRuleException(Map.of(field, message));
    }

    public Map<String, String> errors() {
        return errors;
    }
}
