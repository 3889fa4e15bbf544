package org.opportune.mail;

import org.jspecify.annotations.Nullable;

/** A shared mailbox as other modules and pages see it: never its secrets. */
public record MailboxView(long id, String name, String address, @Nullable String imapHost, boolean syncEnabled) {

    /** The domain part of the address, lower case: one of our own domains. */
    public String domain() {
        return address.substring(address.indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
