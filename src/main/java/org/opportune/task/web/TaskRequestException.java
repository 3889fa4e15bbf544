package org.opportune.task.web;

import java.util.Map;

/** Input that could not even be read (a date that is no date): a message per field, like the rules' errors. */
class TaskRequestException extends RuntimeException {

    private final Map<String, String> errors;

    TaskRequestException(Map<String, String> errors) {
        super(String.join(" ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    Map<String, String> errors() {
        return errors;
    }
}
