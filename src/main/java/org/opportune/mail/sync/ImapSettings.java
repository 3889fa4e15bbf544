package org.opportune.mail.sync;

import java.util.List;

import org.opportune.mail.MailSecurity;

/** How to reach one mailbox's IMAP server, with the decrypted password: never logged, never leaves the module. */
public record ImapSettings(String host, int port, MailSecurity security, String username, String password,
        List<String> folders) {

    @Override
    public String toString() {
        return "ImapSettings[" + username + "@" + host + ":" + port + " " + security + " " + folders + "]";
    }
}
