package org.opportune.mail;

import java.util.Map;

/** Mailbox settings that break a rule, with a message per field ({@code ""} for the whole form). */
public class MailboxRuleException extends RuntimeException {

    private final Map<String, String> errors;

    MailboxRuleException(Map<String, String> errors) {
        super(String.join(" ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    public Map<String, String> errors() {
        return errors;
    }
}
