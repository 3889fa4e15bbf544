package org.opportune.mail.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.opportune.mail.MailSecurity;
import org.opportune.mail.MailboxCommand;

/** The JSON body of {@code POST /api/v1/mailboxes} and {@code PUT /api/v1/mailboxes/{id}}; a missing password keeps the stored one;
 * {@code sentFolder} is the IMAP folder sent replies are appended to (missing or empty: none). */
public record MailboxRequest(
        @Nullable String name,
        @Nullable String address,
        @Nullable String imapHost,
        @Nullable Integer imapPort,
        @Nullable MailSecurity imapSecurity,
        @Nullable String imapUsername,
        @Nullable String imapPassword,
        @Nullable List<String> folders,
        @Nullable String smtpHost,
        @Nullable Integer smtpPort,
        @Nullable MailSecurity smtpSecurity,
        @Nullable String smtpUsername,
        @Nullable String smtpPassword,
        @Nullable Integer pollIntervalSeconds,
        @Nullable Boolean syncEnabled,
        @Nullable String sentFolder) {

    MailboxCommand toCommand() {
        return new MailboxCommand(name == null ? "" : name, address == null ? "" : address, imapHost, imapPort,
                imapSecurity, imapUsername, imapPassword, folders == null ? List.of("INBOX") : folders, smtpHost, smtpPort,
                smtpSecurity, smtpUsername, smtpPassword, pollIntervalSeconds, Boolean.TRUE.equals(syncEnabled), sentFolder);
    }
}
