package org.opportune.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A shared address and its connection settings. Passwords are stored only encrypted. */
@Table("mailboxes")
class Mailbox {

    @Id
    private @Nullable Long id;
    private String name;
    private final String address;
    private @Nullable String imapHost;
    private @Nullable Integer imapPort;
    private @Nullable String imapSecurity;
    private @Nullable String imapUsername;
    private @Nullable String imapPasswordEnc;
    private String folders;
    private @Nullable String smtpHost;
    private @Nullable Integer smtpPort;
    private @Nullable String smtpSecurity;
    private @Nullable String smtpUsername;
    private @Nullable String smtpPasswordEnc;
    private int pollIntervalSeconds;
    private boolean syncEnabled;
    private @Nullable String sentFolder;
    private final Instant createdAt;
    @Version
    private int version;

    @PersistenceCreator
    Mailbox(@Nullable Long id, String name, String address, @Nullable String imapHost, @Nullable Integer imapPort,
            @Nullable String imapSecurity, @Nullable String imapUsername, @Nullable String imapPasswordEnc, String folders,
            @Nullable String smtpHost, @Nullable Integer smtpPort, @Nullable String smtpSecurity,
            @Nullable String smtpUsername, @Nullable String smtpPasswordEnc, int pollIntervalSeconds,
            boolean syncEnabled, @Nullable String sentFolder, Instant createdAt, int version) {
        this.id = id;
        this.name = name;
        this.address = address;
        this.imapHost = imapHost;
        this.imapPort = imapPort;
        this.imapSecurity = imapSecurity;
        this.imapUsername = imapUsername;
        this.imapPasswordEnc = imapPasswordEnc;
        this.folders = folders;
        this.smtpHost = smtpHost;
        this.smtpPort = smtpPort;
        this.smtpSecurity = smtpSecurity;
        this.smtpUsername = smtpUsername;
        this.smtpPasswordEnc = smtpPasswordEnc;
        this.pollIntervalSeconds = pollIntervalSeconds;
        this.syncEnabled = syncEnabled;
        this.sentFolder = sentFolder;
        this.createdAt = createdAt;
        this.version = version;
    }

    /** A mailbox known only by its address, for example one that mail is imported into. */
    static Mailbox addressOnly(String address, Clock clock) {
        var normalised = normalise(address);
        return new Mailbox(null, normalised, normalised, null, null, null, null, null, "INBOX", null, null, null, null,
                null, 60, false, null, clock.instant(), 0);
    }

    /** A new mailbox; passwords come already encrypted. */
    static Mailbox create(MailboxCommand command, @Nullable String imapPasswordEnc, @Nullable String smtpPasswordEnc,
            int defaultPollSeconds, Clock clock) {
        var mailbox = new Mailbox(null, command.name().strip(), normalise(command.address()), null, null, null, null, null,
                "INBOX", null, null, null, null, null, defaultPollSeconds, false, null, clock.instant(), 0);
        mailbox.change(command, imapPasswordEnc, smtpPasswordEnc);
        return mailbox;
    }

    /** Applies new settings; a null encrypted password keeps the stored one. The address never changes. */
    void change(MailboxCommand command, @Nullable String imapPasswordEnc, @Nullable String smtpPasswordEnc) {
        this.name = command.name().strip();
        var connected = !MailboxRules.blank(command.imapHost());
        this.imapHost = connected ? command.imapHost().strip() : null;
        this.imapPort = connected ? command.imapPort() : null;
        this.imapSecurity = connected && command.imapSecurity() != null ? command.imapSecurity().name() : null;
        this.imapUsername = connected ? blankToNull(command.imapUsername()) : null;
        if (!connected) {
            this.imapPasswordEnc = null;
        } else if (imapPasswordEnc != null) {
            this.imapPasswordEnc = imapPasswordEnc;
        }
        this.folders = String.join("\n", command.folders().isEmpty() ? List.of("INBOX") : command.folders());
        var smtp = !MailboxRules.blank(command.smtpHost());
        this.smtpHost = smtp ? command.smtpHost().strip() : null;
        this.smtpPort = smtp ? command.smtpPort() : null;
        this.smtpSecurity = smtp && command.smtpSecurity() != null ? command.smtpSecurity().name() : null;
        this.smtpUsername = smtp ? blankToNull(command.smtpUsername()) : null;
        if (!smtp || this.smtpUsername == null) {
            this.smtpPasswordEnc = null;
        } else if (smtpPasswordEnc != null) {
            this.smtpPasswordEnc = smtpPasswordEnc;
        }
        if (command.pollIntervalSeconds() != null) {
            this.pollIntervalSeconds = command.pollIntervalSeconds();
        }
        this.syncEnabled = command.syncEnabled() && connected;
        this.sentFolder = connected ? blankToNull(command.sentFolder()) : null;
    }

    /** Turns sync on or off; on needs an IMAP server. Returns false when nothing changed. */
    boolean enableSync(boolean enabled) {
        if (enabled && imapHost == null) {
            throw new MailboxRuleException(Map.of("imapHost", "Set up the IMAP server before turning sync on."));
        }
        if (syncEnabled == enabled) {
            return false;
        }
        syncEnabled = enabled;
        return true;
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("mailbox not saved yet");
        }
        return id;
    }

    String address() {
        return address;
    }

    int version() {
        return version;
    }

    boolean syncEnabled() {
        return syncEnabled;
    }

    boolean imapPasswordStored() {
        return imapPasswordEnc != null;
    }

    boolean smtpPasswordStored() {
        return smtpPasswordEnc != null;
    }

    @Nullable String smtpPasswordEnc() {
        return smtpPasswordEnc;
    }

    @Nullable String imapPasswordEnc() {
        return imapPasswordEnc;
    }

    List<String> folderList() {
        return folders.lines().map(String::strip).filter(f -> !f.isEmpty()).toList();
    }

    MailboxView view() {
        return new MailboxView(id(), name, address, imapHost, imapPort, security(imapSecurity), imapUsername,
                imapPasswordEnc != null, folderList(), smtpHost, smtpPort, security(smtpSecurity), smtpUsername,
                smtpPasswordEnc != null, pollIntervalSeconds, syncEnabled, sentFolder);
    }

    /**
     * The settings as the activity trail shows them: never a secret, only whether a password is set.
     * The trail compares two of these to show before and after.
     */
    Map<String, Object> auditFields() {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("name", name);
        fields.put("address", address);
        fields.put("imapHost", String.valueOf(imapHost));
        fields.put("imapPort", String.valueOf(imapPort));
        fields.put("imapSecurity", String.valueOf(imapSecurity));
        fields.put("imapUsername", String.valueOf(imapUsername));
        fields.put("imapPassword", imapPasswordEnc == null ? "not set" : "set");
        fields.put("folders", folderList());
        fields.put("smtpHost", String.valueOf(smtpHost));
        fields.put("smtpPort", String.valueOf(smtpPort));
        fields.put("smtpSecurity", String.valueOf(smtpSecurity));
        fields.put("smtpUsername", String.valueOf(smtpUsername));
        fields.put("smtpPassword", smtpPasswordEnc == null ? "not set" : "set");
        fields.put("pollIntervalSeconds", pollIntervalSeconds);
        fields.put("syncEnabled", syncEnabled);
        fields.put("sentFolder", String.valueOf(sentFolder));
        return fields;
    }

    private static @Nullable MailSecurity security(@Nullable String value) {
        return value == null ? null : MailSecurity.valueOf(value);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String normalise(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
