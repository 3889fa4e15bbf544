package org.opportune.mail.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import org.opportune.mail.MailSecurity;
import org.opportune.mail.MailboxCommand;
import org.opportune.mail.MailboxView;

/**
 * The mailbox form. Numbers and choices arrive as text so that a typo becomes a message next to the
 * field; the rules themselves live in {@code MailboxService}. Passwords are never filled in.
 */
public record MailboxForm(
        @NotBlank(message = "Give the mailbox a name, such as Sales.") @Size(max = 120, message = "Use at most 120 characters.") String name,
        @NotBlank(message = "Enter the mailbox's address, such as sales@example.com.") String address,
        @Nullable String imapHost,
        @Nullable String imapPort,
        @Nullable String imapSecurity,
        @Nullable String imapUsername,
        @Nullable String imapPassword,
        @Nullable String folders,
        @Nullable String smtpHost,
        @Nullable String smtpPort,
        @Nullable String smtpSecurity,
        @Nullable String smtpUsername,
        @Nullable String smtpPassword,
        @Nullable String pollIntervalSeconds,
        @Nullable Boolean syncEnabled,
        @Nullable String sentFolder) {

    /** An unticked checkbox sends nothing. */
    public boolean sync() {
        return Boolean.TRUE.equals(syncEnabled);
    }

    static MailboxForm empty() {
        return new MailboxForm("", "", "", "993", "TLS", "", "", "INBOX", "", "587", "STARTTLS", "", "", "60", true, "");
    }

    static MailboxForm of(MailboxView m) {
        return new MailboxForm(m.name(), m.address(), text(m.imapHost()), text(m.imapPort()),
                m.imapSecurity() == null ? "TLS" : m.imapSecurity().name(), text(m.imapUsername()), "",
                String.join(", ", m.folders()), text(m.smtpHost()), text(m.smtpPort()),
                m.smtpSecurity() == null ? "STARTTLS" : m.smtpSecurity().name(), text(m.smtpUsername()), "",
                Integer.toString(m.pollIntervalSeconds()), m.syncEnabled(), text(m.sentFolder()));
    }

    /** The same form with the passwords dropped, for showing it again. */
    MailboxForm withoutPasswords() {
        return new MailboxForm(name, address, imapHost, imapPort, imapSecurity, imapUsername, "", folders, smtpHost,
                smtpPort, smtpSecurity, smtpUsername, "", pollIntervalSeconds, syncEnabled, sentFolder);
    }

    MailboxCommand toCommand() {
        return new MailboxCommand(name, address, imapHost, number(imapPort), security(imapSecurity), imapUsername,
                imapPassword, folderList(folders), smtpHost, number(smtpPort), security(smtpSecurity), smtpUsername,
                smtpPassword, number(pollIntervalSeconds), sync(), sentFolder == null ? null : sentFolder.strip());
    }

    static List<String> folderList(@Nullable String folders) {
        if (folders == null) {
            return List.of();
        }
        return Arrays.stream(folders.split("[,\\n]")).map(String::strip).filter(f -> !f.isEmpty()).distinct().toList();
    }

    private static @Nullable Integer number(@Nullable String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return -1; // reported by the rules as out of range
        }
    }

    private static @Nullable MailSecurity security(@Nullable String text) {
        try {
            return text == null || text.isBlank() ? null : MailSecurity.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }
}
