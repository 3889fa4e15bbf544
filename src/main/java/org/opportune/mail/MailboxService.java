package org.opportune.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.mail.MailEvents.MailboxConnectionTested;
import org.opportune.mail.MailEvents.MailboxCreated;
import org.opportune.mail.MailEvents.MailboxSyncDisabled;
import org.opportune.mail.MailEvents.MailboxSyncEnabled;
import org.opportune.mail.MailEvents.MailboxUpdated;
import org.opportune.mail.internal.SecretBox;
import org.opportune.mail.sync.ImapConnector;
import org.opportune.mail.sync.ImapSettings;
import org.opportune.mail.sync.SyncProperties;
import org.opportune.mail.sync.SyncStates;
import org.opportune.shared.Actor;

/**
 * The shared mailboxes: which addresses (and so which domains) are ours, how to reach them, and how
 * their sync is doing. Passwords are encrypted before they are stored and never returned. Every
 * change publishes an {@link org.opportune.shared.Audited} event; the syncers follow the changes.
 */
@Service
@Transactional
public class MailboxService {

    private final MailboxRepository mailboxes;
    private final SecretBox secrets;
    private final SyncStates syncStates;
    private final ImapConnector connector;
    private final MailProperties properties;
    private final SyncProperties syncProperties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MailboxService(MailboxRepository mailboxes, SecretBox secrets, SyncStates syncStates, ImapConnector connector,
            MailProperties properties, SyncProperties syncProperties, ApplicationEventPublisher events, Clock clock) {
        this.mailboxes = mailboxes;
        this.secrets = secrets;
        this.syncStates = syncStates;
        this.connector = connector;
        this.properties = properties;
        this.syncProperties = syncProperties;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<MailboxView> mailboxes() {
        return mailboxes.findAll().stream().map(Mailbox::view).toList();
    }

    /** Every mailbox with its sync status, by address. */
    @Transactional(readOnly = true)
    public List<MailboxOverview> overview() {
        var all = mailboxes.findAll();
        var statuses = syncStates.statuses(all.stream().map(Mailbox::id).toList());
        return all.stream()
                .sorted(java.util.Comparator.comparing(Mailbox::address))
                .map(m -> new MailboxOverview(m.view(), MailboxStatus.of(m.syncEnabled(), statuses.getOrDefault(m.id(), List.of()))))
                .toList();
    }

    @Transactional(readOnly = true)
    public MailboxOverview overview(long id) {
        var mailbox = load(id);
        var folders = syncStates.statuses(List.of(id)).getOrDefault(id, List.of());
        return new MailboxOverview(mailbox.view(), MailboxStatus.of(mailbox.syncEnabled(), folders));
    }

    @Transactional(readOnly = true)
    public MailboxView mailbox(long id) {
        return load(id).view();
    }

    @Transactional(readOnly = true)
    public Optional<MailboxView> findByAddress(String address) {
        return mailboxes.findByAddress(Mailbox.normalise(address)).map(Mailbox::view);
    }

    /** The mailbox of that address, created without a server connection if it does not exist yet (for imports). */
    public MailboxView ensureMailbox(String address) {
        return findByAddress(address).orElseGet(() -> mailboxes.save(Mailbox.addressOnly(address, clock)).view());
    }

    /** Our own domains: those of the mailbox addresses plus {@code opportune.mail.own-domains}, lower case. */
    @Transactional(readOnly = true)
    public Set<String> ownDomains() {
        var domains = new TreeSet<String>();
        mailboxes.findAll().forEach(m -> domains.add(m.view().domain()));
        properties.ownDomains().stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty())
                .forEach(domains::add);
        return domains;
    }

    /** Sets up a new mailbox. Throws {@link MailboxRuleException} with a message per field. */
    public MailboxView create(Actor actor, MailboxCommand command) {
        var errors = new LinkedHashMap<>(MailboxRules.check(command, false, false));
        if (!errors.containsKey("address") && mailboxes.findByAddress(Mailbox.normalise(command.address())).isPresent()) {
            errors.put("address", "There is a mailbox with this address already.");
        }
        if (!errors.isEmpty()) {
            throw new MailboxRuleException(errors);
        }
        var mailbox = mailboxes.save(Mailbox.create(command, encrypt(command.imapPassword()), encrypt(command.smtpPassword()),
                (int) syncProperties.pollInterval().toSeconds(), clock));
        events.publishEvent(new MailboxCreated(actor, mailbox.id(), mailbox.auditFields()));
        return mailbox.view();
    }

    /** Changes a mailbox's settings; an empty password keeps the stored one. The address cannot change. */
    public MailboxView update(Actor actor, long id, MailboxCommand command) {
        var mailbox = load(id);
        var errors = new LinkedHashMap<>(MailboxRules.check(command, mailbox.imapPasswordStored(), mailbox.smtpPasswordStored()));
        if (!Mailbox.normalise(command.address()).equals(mailbox.address())) {
            errors.put("address", "The address of a mailbox cannot change; set up a new mailbox for " + command.address().strip() + ".");
        }
        if (!errors.isEmpty()) {
            throw new MailboxRuleException(errors);
        }
        var before = mailbox.auditFields();
        var newImapPassword = encrypt(command.imapPassword());
        var newSmtpPassword = encrypt(command.smtpPassword());
        mailbox.change(command, newImapPassword, newSmtpPassword);
        var after = mailbox.auditFields();
        if (newImapPassword != null) {
            after.put("imapPassword", "changed");
        }
        if (newSmtpPassword != null && mailbox.smtpPasswordStored()) {
            after.put("smtpPassword", "changed");
        }
        var changedBefore = new LinkedHashMap<String, Object>();
        var changedAfter = new LinkedHashMap<String, Object>();
        after.forEach((field, value) -> {
            if (!value.equals(before.get(field))) {
                changedBefore.put(field, before.get(field));
                changedAfter.put(field, value);
            }
        });
        if (changedAfter.isEmpty()) {
            return mailbox.view();
        }
        var saved = mailboxes.save(mailbox);
        events.publishEvent(new MailboxUpdated(actor, id, changedBefore, changedAfter));
        return saved.view();
    }

    /** Turns a mailbox's sync on or off (needs IMAP settings to turn it on). */
    public MailboxView enableSync(Actor actor, long id, boolean enabled) {
        var mailbox = load(id);
        if (mailbox.enableSync(enabled)) {
            mailbox = mailboxes.save(mailbox);
            if (!enabled) {
                syncStates.disabled(id, clock.instant());
            }
            events.publishEvent(enabled ? new MailboxSyncEnabled(actor, id) : new MailboxSyncDisabled(actor, id));
        }
        return mailbox.view();
    }

    /**
     * Creates the mailbox of {@code command.address()} or updates it to these settings, and turns its
     * sync on: one call for the demo or a provisioning script.
     */
    public MailboxView connect(Actor actor, MailboxCommand command) {
        var existing = mailboxes.findByAddress(Mailbox.normalise(command.address()));
        var enabled = command.withSyncEnabled(true);
        return existing.isPresent() ? update(actor, existing.get().id(), enabled) : create(actor, enabled);
    }

    /**
     * Signs in to the mailbox's IMAP server with the stored settings and checks its folders. Outside any
     * transaction: the server may take a while to answer.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public ConnectionTest testConnection(Actor actor, long id) {
        var mailbox = load(id);
        var settings = imapSettings(mailbox);
        var result = settings == null
                ? ConnectionTest.failure(ConnectionTest.Problem.NOT_CONFIGURED, "Set up the IMAP server and its user first.")
                : connector.test(settings, mailbox.view().sentFolder());
        events.publishEvent(new MailboxConnectionTested(actor, id, result.ok(),
                result.problem() == null ? "" : result.problem().name()));
        return result;
    }

    /** The decrypted IMAP settings, for the syncers; null when the mailbox has no IMAP server. */
    @Nullable ImapSettings imapSettings(Mailbox mailbox) {
        var view = mailbox.view();
        var encrypted = mailbox.imapPasswordEnc();
        if (view.imapHost() == null || view.imapPort() == null || view.imapSecurity() == null || view.imapUsername() == null
                || encrypted == null) {
            return null;
        }
        return new ImapSettings(view.imapHost(), view.imapPort(), view.imapSecurity(), view.imapUsername(),
                secrets.decrypt(encrypted), view.folders());
    }

    /** The decrypted SMTP settings of a mailbox, for the outbox sender; null when it has no SMTP server. */
    @Transactional(readOnly = true)
    @Nullable SmtpSettings smtpSettings(long mailboxId) {
        var mailbox = load(mailboxId);
        var view = mailbox.view();
        if (view.smtpHost() == null || view.smtpPort() == null) {
            return null;
        }
        var encrypted = mailbox.smtpPasswordEnc();
        return new SmtpSettings(view.address(), view.smtpHost(), view.smtpPort(),
                view.smtpSecurity() == null ? MailSecurity.NONE : view.smtpSecurity(), view.smtpUsername(),
                encrypted == null ? null : secrets.decrypt(encrypted));
    }

    /** The folder sent replies are appended to, or null when the mailbox has none (or no IMAP server). */
    @Transactional(readOnly = true)
    @Nullable String sentFolder(long mailboxId) {
        return load(mailboxId).view().sentFolder();
    }

    /** The decrypted IMAP settings of a mailbox, for appending to its Sent folder; null without an IMAP server. */
    @Transactional(readOnly = true)
    @Nullable ImapSettings imapSettings(long mailboxId) {
        return imapSettings(load(mailboxId));
    }

    Duration pollInterval(Mailbox mailbox) {
        return Duration.ofSeconds(mailbox.view().pollIntervalSeconds());
    }

    private @Nullable String encrypt(@Nullable String password) {
        return password == null || password.isEmpty() ? null : secrets.encrypt(password);
    }

    private Mailbox load(long id) {
        return mailboxes.findById(id).orElseThrow(() -> MailboxNotFoundException.forId(id));
    }

}
