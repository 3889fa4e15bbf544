package org.opportune.mail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** The rules for mailbox settings, shared by the admin pages, the API and the demo. */
final class MailboxRules {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");
    private static final Pattern FOLDER = Pattern.compile("[^\\p{Cntrl}]{1,200}");

    private MailboxRules() {
    }

    /**
     * All problems with the command, keyed by field. {@code imapPasswordStored}/{@code smtpPasswordStored}:
     * an empty password is fine on edit when one is stored.
     */
    static Map<String, String> check(MailboxCommand command, boolean imapPasswordStored, boolean smtpPasswordStored) {
        var errors = new LinkedHashMap<String, String>();
        if (command.name().isBlank() || command.name().length() > 120) {
            errors.put("name", "Give the mailbox a name of at most 120 characters, such as Sales.");
        }
        if (!ADDRESS.matcher(command.address().strip()).matches() || command.address().length() > 254) {
            errors.put("address", "Enter the mailbox's address, such as sales@example.com.");
        }
        if (!blank(command.imapHost())) {
            server(errors, "imap", command.imapHost(), command.imapPort(), command.imapSecurity(), command.imapUsername(),
                    command.imapPassword(), imapPasswordStored, true);
            if (command.folders().isEmpty()) {
                errors.put("folders", "Name at least one folder to sync, such as INBOX.");
            } else if (!command.folders().stream().allMatch(f -> FOLDER.matcher(f).matches())) {
                errors.put("folders", "Folder names must be 1 to 200 characters without control characters.");
            }
            var sent = command.sentFolder();
            if (!blank(sent) && !FOLDER.matcher(sent.strip()).matches()) {
                errors.put("sentFolder", "Folder names must be 1 to 200 characters without control characters.");
            }
        } else if (command.syncEnabled()) {
            errors.put("imapHost", "Enter the IMAP server to sync from, or turn sync off.");
        } else if (!blank(command.sentFolder())) {
            errors.put("sentFolder", "Set up the IMAP server to put sent replies in its Sent folder, or leave this empty.");
        }
        if (!blank(command.smtpHost())) {
            server(errors, "smtp", command.smtpHost(), command.smtpPort(), command.smtpSecurity(), command.smtpUsername(),
                    command.smtpPassword(), smtpPasswordStored, false);
        }
        var poll = command.pollIntervalSeconds();
        if (poll != null && (poll < 1 || poll > 86_400)) {
            errors.put("pollIntervalSeconds", "Use 1 to 86400 seconds.");
        }
        return errors;
    }

    private static void server(Map<String, String> errors, String prefix, @Nullable String host, @Nullable Integer port,
            @Nullable MailSecurity security, @Nullable String username, @Nullable String password, boolean passwordStored,
            boolean usernameRequired) {
        var label = prefix.toUpperCase(Locale.ROOT);
        if (host == null || !HOST.matcher(host.strip()).matches()) {
            errors.put(prefix + "Host", "Enter the " + label + " server's host name or IP address.");
        }
        if (port == null || port < 1 || port > 65_535) {
            errors.put(prefix + "Port", "Enter a port from 1 to 65535.");
        }
        if (security == null) {
            errors.put(prefix + "Security", "Choose TLS, STARTTLS or none.");
        } else if (security == MailSecurity.NONE && host != null && !isLoopback(host)) {
            errors.put(prefix + "Security", "Unencrypted connections are only allowed to this machine (127.0.0.1, ::1 or "
                    + "localhost): the password would cross the network in clear text. Choose TLS or STARTTLS.");
        }
        if (usernameRequired && blank(username)) {
            errors.put(prefix + "Username", "Enter the user name to sign in to the " + label + " server.");
        }
        if (!blank(username) && blank(password) && !passwordStored) {
            errors.put(prefix + "Password", "Enter the password.");
        }
    }

    /** 127.0.0.0/8, ::1 or localhost; names other than localhost are never resolved. */
    static boolean isLoopback(String host) {
        var h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (IPV4.matcher(h).matches() || (h.contains(":") && h.matches("[0-9a-f:.]+"))) {
            try {
                // a literal address: no name lookup happens
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
