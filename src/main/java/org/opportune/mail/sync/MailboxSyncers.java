package org.opportune.mail.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;

import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailQuarantine;

/**
 * Creates {@link MailboxSyncer}s and owns their threads: one per syncing mailbox (plus short wake-up
 * tasks), and one timer thread for lease renewal and IDLE timeouts.
 */
public final class MailboxSyncers implements DisposableBean {

    final SyncLeases leases;
    final SyncStates states;
    final ImapConnector connector;
    final MailIngestion ingestion;
    final MailQuarantine quarantine;
    final SyncProperties properties;
    final Clock clock;
    final ExecutorService threads;
    final ScheduledExecutorService timers;

    public MailboxSyncers(SyncLeases leases, SyncStates states, ImapConnector connector, MailIngestion ingestion,
            MailQuarantine quarantine, SyncProperties properties, Clock clock) {
        this.leases = leases;
        this.states = states;
        this.connector = connector;
        this.ingestion = ingestion;
        this.quarantine = quarantine;
        this.properties = properties;
        this.clock = clock;
        var count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> daemon(runnable, "mail-sync-" + count.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "mail-sync-timer"));
    }

    /** A syncer for one mailbox as node {@code nodeId}; call {@link MailboxSyncer#start()} to run it. */
    public MailboxSyncer create(long mailboxId, ImapSettings settings, Duration pollInterval, String nodeId) {
        return new MailboxSyncer(mailboxId, settings, pollInterval, nodeId, this);
    }

    /** The timer thread, also for the manager's own periodic checks. */
    public ScheduledExecutorService timers() {
        return timers;
    }

    public SyncProperties properties() {
        return properties;
    }

    @Override
    public void destroy() {
        timers.shutdownNow();
        threads.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        var thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
