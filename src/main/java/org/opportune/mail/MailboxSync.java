package org.opportune.mail;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import org.opportune.mail.sync.MailboxSyncer;
import org.opportune.mail.sync.MailboxSyncers;
import org.opportune.mail.sync.SyncProperties;

/**
 * Runs a {@link MailboxSyncer} for every mailbox with sync on, once the application has started, and
 * stops them on shutdown (leaving IDLE, releasing the leases). Follows changes at once on this node
 * (after commit) and every {@code reconcile-interval} for changes made on other nodes.
 */
@Component
class MailboxSync implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailboxSync.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** This process; a random id, so a restarted node never mistakes an old lease for its own. */
    private final String nodeId = UUID.randomUUID().toString();
    private final MailboxRepository mailboxes;
    private final MailboxService service;
    private final MailboxSyncers syncers;
    private final SyncProperties properties;
    private final Map<Long, Running> running = new HashMap<>();
    private volatile boolean started;
    private @Nullable ScheduledFuture<?> reconciling;

    private record Running(int version, MailboxSyncer syncer) {
    }

    MailboxSync(MailboxRepository mailboxes, MailboxService service, MailboxSyncers syncers, SyncProperties properties) {
        this.mailboxes = mailboxes;
        this.service = service;
        this.syncers = syncers;
        this.properties = properties;
    }

    String nodeId() {
        return nodeId;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Mailbox sync is turned off on this node (opportune.mail.sync.enabled=false)");
            return;
        }
        started = true;
        var every = properties.reconcileInterval().toMillis();
        reconciling = syncers.timers().scheduleWithFixedDelay(this::reconcileQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        started = false;
        if (reconciling != null) {
            reconciling.cancel(false);
        }
        Map<Long, Running> stopping;
        synchronized (this) {
            stopping = new HashMap<>(running);
            running.clear();
        }
        stopping.values().forEach(r -> r.syncer().stop());
        stopping.values().forEach(r -> r.syncer().stopAndWait(STOP_TIMEOUT));
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @TransactionalEventListener
    void on(MailEvents.MailboxChanged event) {
        if (started) {
            syncers.timers().execute(this::reconcileQuietly);
        }
    }

    /** Starts, restarts (settings changed) and stops syncers to match the mailboxes. */
    synchronized void reconcile() {
        if (!started) {
            return;
        }
        var wanted = new HashSet<Long>();
        for (var mailbox : mailboxes.findAll()) {
            if (!mailbox.syncEnabled()) {
                continue;
            }
            var settings = service.imapSettings(mailbox);
            if (settings == null) {
                continue;
            }
            wanted.add(mailbox.id());
            var current = running.get(mailbox.id());
            if (current != null && current.version() == mailbox.version()) {
                continue;
            }
            if (current != null) {
                current.syncer().stopAndWait(STOP_TIMEOUT);
            }
            var syncer = syncers.create(mailbox.id(), settings, service.pollInterval(mailbox), nodeId);
            running.put(mailbox.id(), new Running(mailbox.version(), syncer));
            syncer.start();
        }
        for (var id : new HashSet<>(running.keySet())) {
            if (!wanted.contains(id)) {
                running.remove(id).syncer().stopAndWait(STOP_TIMEOUT);
            }
        }
    }

    /** A syncer for a mailbox that this manager does not run: tests simulate other nodes with it. */
    MailboxSyncer newSyncer(long mailboxId, String nodeId) {
        var mailbox = mailboxes.findById(mailboxId).orElseThrow(() -> MailboxNotFoundException.forId(mailboxId));
        var settings = service.imapSettings(mailbox);
        if (settings == null) {
            throw new IllegalStateException("mailbox " + mailboxId + " has no IMAP settings");
        }
        return syncers.create(mailboxId, settings, service.pollInterval(mailbox), nodeId);
    }

    synchronized @Nullable MailboxSyncer syncerOf(long mailboxId) {
        var current = running.get(mailboxId);
        return current == null ? null : current.syncer();
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Mailbox sync could not check the mailboxes ({}); trying again later", e.toString());
        }
    }
}
