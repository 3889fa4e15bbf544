package org.opportune.mail;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A shared mailbox as other modules, pages and the API see it: never its secrets, only whether
 * a password is stored. {@code sentFolder}: the IMAP folder sent replies are appended to, or null.
 */
public record MailboxView(long id, String name, String address, @Nullable String imapHost, @Nullable Integer imapPort,
        @Nullable MailSecurity imapSecurity, @Nullable String imapUsername, boolean imapPasswordStored,
        List<String> folders, @Nullable String smtpHost, @Nullable Integer smtpPort, @Nullable MailSecurity smtpSecurity,
        @Nullable String smtpUsername, boolean smtpPasswordStored, int pollIntervalSeconds, boolean syncEnabled,
        @Nullable String sentFolder) {

    /** The domain part of the address, lower case: one of our own domains. */
    public String domain() {
        return address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    public boolean connected() {
        return imapHost != null;
    }
}
