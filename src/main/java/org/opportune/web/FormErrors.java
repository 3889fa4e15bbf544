package org.opportune.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.validation.BindingResult;

/** Validation messages keyed by form field ({@code ""} for the whole form), for the templates. */
public final class FormErrors {

    private FormErrors() {
    }

    public static Map<String, String> of(BindingResult result) {
        var errors = new LinkedHashMap<String, String>();
        result.getFieldErrors().forEach(error -> errors.putIfAbsent(error.getField(),
                error.getDefaultMessage() == null ? "Check this field." : error.getDefaultMessage()));
        result.getGlobalErrors().forEach(error -> errors.putIfAbsent("",
                error.getDefaultMessage() == null ? "Check the form." : error.getDefaultMessage()));
        return errors;
    }

    public static Map<String, String> of(String field, String message) {
        return Map.of(field, message);
    }
}
