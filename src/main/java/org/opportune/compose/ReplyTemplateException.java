package org.opportune.compose;

import java.util.Map;

/** A template that cannot be saved, with a message per field ({@code name}, {@code subject}, {@code body}). */
public class ReplyTemplateException extends RuntimeException {

    private final Map<String, String> errors;

    private ReplyTemplateException(Map<String, String> errors) {
        super("The template is not valid: " + String.join(" ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    static ReplyTemplateException of(Map<String, String> errors) {
        return new ReplyTemplateException(errors);
    }

    /** Field name → what is wrong with it. */
    public Map<String, String> errors() {
        return errors;
    }
}
