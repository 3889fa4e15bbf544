package org.opportune.identity;

/**
 * A change to accounts that the rules refuse, with a message a person can act on; {@link #field()}
 * names the form field it belongs to, or is empty for the whole form.
 */
public class IdentityRuleException extends RuntimeException {

    private final String field;

    private IdentityRuleException(String field, String message) {
        super(message);
        this.field = field;
    }

    public static IdentityRuleException of(String field, String message) {
        return new IdentityRuleException(field, message);
    }

    public static IdentityRuleException usernameTaken(String username) {
        return new IdentityRuleException("username", "The username '" + username + "' is already taken.");
    }

    public static IdentityRuleException lastAdmin() {
        return new IdentityRuleException("", "This is the last active admin. Make someone else an admin first.");
    }

    public static IdentityRuleException notYourself(String what) {
        return new IdentityRuleException("", "You cannot " + what + " your own account; ask another admin.");
    }

    public String field() {
        return field;
    }
}
