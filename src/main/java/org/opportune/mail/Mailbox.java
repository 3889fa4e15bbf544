package org.opportune.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

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
    private final Instant createdAt;
    @Version
    private int version;

    @PersistenceCreator
    Mailbox(@Nullable Long id, String name, String address, @Nullable String imapHost, @Nullable Integer imapPort,
            @Nullable String imapSecurity, @Nullable String imapUsername, @Nullable String imapPasswordEnc, String folders,
            @Nullable String smtpHost, @Nullable Integer smtpPort, @Nullable String smtpSecurity,
            @Nullable String smtpUsername, @Nullable String smtpPasswordEnc, int pollIntervalSeconds,
            boolean syncEnabled, Instant createdAt, int version) {
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
        this.createdAt = createdAt;
        this.version = version;
    }

    /** A mailbox known only by its address, for example one that mail is imported into. */
    static Mailbox addressOnly(String address, Clock clock) {
        var normalised = address.strip().toLowerCase(Locale.ROOT);
        return new Mailbox(null, normalised, normalised, null, null, null, null, null, "INBOX", null, null, null, null,
                null, 60, false, clock.instant(), 0);
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

    MailboxView view() {
        return new MailboxView(id(), name, address, imapHost, syncEnabled);
    }
}
