package org.opportune.mail;

import org.jspecify.annotations.Nullable;

/** How to send from one mailbox, with the decrypted password: never logged, never leaves the module. */
record SmtpSettings(String mailboxAddress, String host, int port, MailSecurity security, @Nullable String username,
        @Nullable String password) {

    @Override
    public String toString() {
        return "SmtpSettings[" + username + "@" + host + ":" + port + " " + security + "]";
    }
}
