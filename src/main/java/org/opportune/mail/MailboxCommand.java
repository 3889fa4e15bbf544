package org.opportune.mail;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an admin (or the demo) sets on a mailbox. A null or empty password keeps the stored one.
 * IMAP and SMTP settings are optional as a block: an empty host means "not connected". {@code sentFolder}
 * (optional, needs IMAP): the folder each sent reply is appended to, as a mail client would.
 */
public record MailboxCommand(
        String name,
        String address,
        @Nullable String imapHost,
        @Nullable Integer imapPort,
        @Nullable MailSecurity imapSecurity,
        @Nullable String imapUsername,
        @Nullable String imapPassword,
        List<String> folders,
        @Nullable String smtpHost,
        @Nullable Integer smtpPort,
        @Nullable MailSecurity smtpSecurity,
        @Nullable String smtpUsername,
        @Nullable String smtpPassword,
        @Nullable Integer pollIntervalSeconds,
        boolean syncEnabled,
        @Nullable String sentFolder) {

    /** Without a Sent folder (sent replies are not appended anywhere over IMAP). */
    public MailboxCommand(String name, String address, @Nullable String imapHost, @Nullable Integer imapPort,
            @Nullable MailSecurity imapSecurity, @Nullable String imapUsername, @Nullable String imapPassword,
            List<String> folders, @Nullable String smtpHost, @Nullable Integer smtpPort, @Nullable MailSecurity smtpSecurity,
            @Nullable String smtpUsername, @Nullable String smtpPassword, @Nullable Integer pollIntervalSeconds,
            boolean syncEnabled) {
        this(name, address, imapHost, imapPort, imapSecurity, imapUsername, imapPassword, folders, smtpHost, smtpPort,
                smtpSecurity, smtpUsername, smtpPassword, pollIntervalSeconds, syncEnabled, null);
    }

    /** An IMAP mailbox with INBOX, sync on, no SMTP: what the demo needs. */
    public static MailboxCommand imap(String name, String address, String host, int port, MailSecurity security,
            String username, String password) {
        return new MailboxCommand(name, address, host, port, security, username, password, List.of("INBOX"), null, null,
                null, null, null, null, true);
    }

    public MailboxCommand withFolders(List<String> folders) {
        return new MailboxCommand(name, address, imapHost, imapPort, imapSecurity, imapUsername, imapPassword, folders,
                smtpHost, smtpPort, smtpSecurity, smtpUsername, smtpPassword, pollIntervalSeconds, syncEnabled, sentFolder);
    }

    public MailboxCommand withPollIntervalSeconds(int seconds) {
        return new MailboxCommand(name, address, imapHost, imapPort, imapSecurity, imapUsername, imapPassword, folders,
                smtpHost, smtpPort, smtpSecurity, smtpUsername, smtpPassword, seconds, syncEnabled, sentFolder);
    }

    public MailboxCommand withSyncEnabled(boolean enabled) {
        return new MailboxCommand(name, address, imapHost, imapPort, imapSecurity, imapUsername, imapPassword, folders,
                smtpHost, smtpPort, smtpSecurity, smtpUsername, smtpPassword, pollIntervalSeconds, enabled, sentFolder);
    }

    public MailboxCommand withSentFolder(@Nullable String folder) {
        return new MailboxCommand(name, address, imapHost, imapPort, imapSecurity, imapUsername, imapPassword, folders,
                smtpHost, smtpPort, smtpSecurity, smtpUsername, smtpPassword, pollIntervalSeconds, syncEnabled, folder);
    }

    public MailboxCommand withImapPassword(@Nullable String password) {
        return new MailboxCommand(name, address, imapHost, imapPort, imapSecurity, imapUsername, password, folders,
                smtpHost, smtpPort, smtpSecurity, smtpUsername, smtpPassword, pollIntervalSeconds, syncEnabled, sentFolder);
    }
}
