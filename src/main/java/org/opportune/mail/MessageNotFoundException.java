package org.opportune.mail;

/** No stored message, attachment or quarantined message with that id. */
public class MessageNotFoundException extends RuntimeException {

    private MessageNotFoundException(String message) {
        super(message);
    }

    public static MessageNotFoundException forId(String what, long id) {
        return new MessageNotFoundException("no " + what + " " + id);
    }
}
