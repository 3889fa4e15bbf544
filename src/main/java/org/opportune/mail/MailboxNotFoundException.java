package org.opportune.mail;

/** No mailbox with that id. */
public class MailboxNotFoundException extends RuntimeException {

    private MailboxNotFoundException(String message) {
        super(message);
    }

    public static MailboxNotFoundException forId(long id) {
        return new MailboxNotFoundException("no mailbox " + id);
    }
}
