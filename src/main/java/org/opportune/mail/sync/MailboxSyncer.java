package org.opportune.mail.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.opportune.mail.IngestSource;

/**
 * Syncs one mailbox on its own thread while this node holds the mailbox's lease: for each folder,
 * UIDVALIDITY + UIDs above the last one seen (a new UIDVALIDITY starts again from UID 1; ingestion
 * recognises what is stored), then IMAP IDLE on the first folder when the server offers it, or a
 * poll interval. Any error is recorded and retried with exponential backoff.
 */
public final class MailboxSyncer {

    private static final Logger log = LoggerFactory.getLogger(MailboxSyncer.class);

    private final long mailboxId;
    private final ImapSettings settings;
    private final Duration pollInterval;
    private final String nodeId;
    private final MailboxSyncers context;
    private final SyncProperties properties;
    private final Object monitor = new Object();

    private volatile boolean stopped;
    private volatile boolean leaseLost;
    private volatile boolean holdsLease;
    private volatile @Nullable IMAPFolder idling;
    private @Nullable Future<?> task;
    private @Nullable ScheduledFuture<?> renewal;

    MailboxSyncer(long mailboxId, ImapSettings settings, Duration pollInterval, String nodeId, MailboxSyncers context) {
        this.mailboxId = mailboxId;
        this.settings = settings;
        this.pollInterval = pollInterval;
        this.nodeId = nodeId;
        this.context = context;
        this.properties = context.properties;
    }

    public long mailboxId() {
        return mailboxId;
    }

    public String nodeId() {
        return nodeId;
    }

    /** True while this syncer holds the mailbox's lease (and so is the one syncing it). */
    public boolean holdsLease() {
        return holdsLease;
    }

    public synchronized void start() {
        if (task != null) {
            throw new IllegalStateException("already started");
        }
        var every = Math.max(100, properties.leaseDuration().toMillis() / 3);
        renewal = context.timers.scheduleWithFixedDelay(this::renewLease, every, every, TimeUnit.MILLISECONDS);
        task = context.threads.submit(this::run);
    }

    /** Asks the syncer to stop: it finishes the message in hand, leaves IDLE and releases the lease. */
    public void stop() {
        stopped = true;
        wake();
    }

    /** Stops and waits for the thread to end; true when it ended in time. */
    public boolean stopAndWait(Duration timeout) {
        stop();
        var deadline = System.nanoTime() + timeout.toNanos();
        var running = task;
        if (running == null) {
            return true;
        }
        while (System.nanoTime() < deadline) {
            try {
                running.get(200, TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException e) {
                wake(); // the syncer may have entered IDLE just after the first wake-up
            } catch (ExecutionException e) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (java.util.concurrent.CancellationException e) {
                return true;
            }
        }
        running.cancel(true);
        return false;
    }

    private void run() {
        Thread.currentThread().setName("mail-sync-" + mailboxId);
        var backoff = properties.backoffInitial();
        try {
            while (!stopped) {
                try {
                    if (!acquireLease()) {
                        pause(retryWait());
                        continue;
                    }
                    try (Store store = context.connector.connect(settings, readTimeout())) {
                        var idle = ((IMAPStore) store).hasCapability("IDLE");
                        while (!stopped && !leaseLost) {
                            var watched = syncAll(store, idle);
                            backoff = properties.backoffInitial();
                            waitForMail(watched, idle);
                        }
                    }
                } catch (Exception e) {
                    if (stopped) {
                        break;
                    }
                    recordFailure(e);
                    pause(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(properties.backoffMax()) > 0 ? properties.backoffMax()
                            : backoff.multipliedBy(2);
                }
                if (leaseLost) {
                    log.info("Mailbox {}: lease lost on node {}, another node syncs it now", mailboxId, nodeId);
                    holdsLease = false;
                    leaseLost = false;
                }
            }
        } finally {
            var renewing = renewal;
            if (renewing != null) {
                renewing.cancel(false);
            }
            if (holdsLease) {
                holdsLease = false;
                try {
                    context.leases.release(mailboxId, nodeId);
                } catch (RuntimeException e) {
                    log.warn("Mailbox {}: could not release the lease ({}); it expires on its own", mailboxId, e.toString());
                }
            }
        }
    }

    private boolean acquireLease() {
        var now = context.clock.instant();
        holdsLease = context.leases.acquire(mailboxId, nodeId, now, now.plus(properties.leaseDuration()));
        return holdsLease;
    }

    private void renewLease() {
        if (!holdsLease || stopped || leaseLost) {
            return;
        }
        boolean renewed;
        try {
            var now = context.clock.instant();
            renewed = context.leases.acquire(mailboxId, nodeId, now, now.plus(properties.leaseDuration()));
        } catch (RuntimeException e) {
            renewed = false;
        }
        if (!renewed) {
            leaseLost = true;
            wake();
        }
    }

    /** Syncs every folder; returns the first folder, still open, to wait on. */
    private IMAPFolder syncAll(Store store, boolean idle) throws MessagingException, IOException {
        IMAPFolder watched = null;
        var folders = settings.folders();
        try {
            for (int i = 0; i < folders.size() && !stopped && !leaseLost; i++) {
                var folder = (IMAPFolder) store.getFolder(folders.get(i));
                folder.open(Folder.READ_ONLY);
                if (i == 0) {
                    watched = folder;
                }
                try {
                    syncFolder(folder, folders.get(i), i == 0 && idle ? SyncState.IDLE : SyncState.POLLING);
                } finally {
                    if (i != 0) {
                        close(folder);
                    }
                }
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            if (watched != null) {
                close(watched);
            }
            throw e;
        }
        if (watched == null) {
            throw new IllegalStateException("stopped");
        }
        return watched;
    }

    private void syncFolder(IMAPFolder folder, String name, SyncState resting) throws MessagingException, IOException {
        var uidValidity = folder.getUIDValidity();
        var states = context.states;
        states.state(mailboxId, name, SyncState.SYNCING, context.clock.instant());
        var position = states.position(mailboxId, name).orElse(null);
        long last;
        if (position == null || position.uidValidity() == null || position.uidValidity() != uidValidity) {
            if (position != null && position.uidValidity() != null) {
                log.info("Mailbox {} folder {}: UIDVALIDITY changed from {} to {}, syncing it again from UID 1",
                        mailboxId, name, position.uidValidity(), uidValidity);
            }
            states.resetTo(mailboxId, name, uidValidity, context.clock.instant());
            last = 0;
        } else {
            last = position.lastUid();
        }
        var fresh = newMessages(folder, last);
        for (int from = 0; from < fresh.size(); from += properties.batchSize()) {
            if (stopped || leaseLost) {
                return;
            }
            for (var message : fresh.subList(from, Math.min(fresh.size(), from + properties.batchSize()))) {
                if (stopped || leaseLost) {
                    return;
                }
                ingest(name, uidValidity, folder.getUID(message), message);
            }
        }
        states.succeeded(mailboxId, name, resting, context.clock.instant());
    }

    /** UIDs above {@code last}, in order. ("last+1:*" also returns the highest message when nothing is new.) */
    private static List<Message> newMessages(IMAPFolder folder, long last) throws MessagingException {
        var found = folder.getMessagesByUID(last + 1, UIDFolder.MAXUID);
        var fresh = new ArrayList<Message>();
        for (var message : Arrays.asList(found)) {
            if (message != null && folder.getUID(message) > last) {
                fresh.add(message);
            }
        }
        fresh.sort(Comparator.comparingLong(m -> uidOf(folder, m)));
        return fresh;
    }

    private static long uidOf(IMAPFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void ingest(String folder, long uidValidity, long uid, Message message) throws MessagingException, IOException {
        var source = IngestSource.imap(mailboxId, folder, uidValidity, uid);
        byte[] raw;
        try {
            var out = new ByteArrayOutputStream();
            message.writeTo(out);
            raw = out.toByteArray();
        } catch (MessageRemovedException gone) {
            context.states.advance(mailboxId, folder, uid, context.clock.instant());
            return;
        }
        try {
            context.ingestion.ingest(source, raw);
        } catch (RuntimeException e) {
            // ingestion quarantines what it cannot store; this is the database or the blob store failing
            // for this one message: park it so the folder goes on (if parking fails too, retry it later)
            log.warn("Mailbox {}: ingesting {} failed ({}), parking it in the quarantine", mailboxId, source.origin(), e.toString());
            context.quarantine.quarantine(source, raw, "ingestion failed: " + e);
        }
        context.states.advance(mailboxId, folder, uid, context.clock.instant());
    }

    private void waitForMail(IMAPFolder watched, boolean idle) throws MessagingException {
        try {
            if (idle) {
                var timeout = settings.folders().size() > 1 && pollInterval.compareTo(properties.idleTimeout()) < 0
                        ? pollInterval : properties.idleTimeout();
                idling = watched;
                var wakeUp = context.timers.schedule(this::wake, timeout.toMillis(), TimeUnit.MILLISECONDS);
                try {
                    if (!stopped && !leaseLost) {
                        watched.idle(true);
                    }
                } finally {
                    idling = null;
                    wakeUp.cancel(false);
                }
            } else {
                pause(pollInterval);
            }
        } finally {
            close(watched);
        }
    }

    /** Ends an IDLE (any other command on the folder does) or a pause early. */
    private void wake() {
        var folder = idling;
        if (folder != null) {
            context.threads.execute(() -> {
                try {
                    folder.doCommand(protocol -> {
                        protocol.noop();
                        return null;
                    });
                } catch (MessagingException | RuntimeException e) {
                    // the connection is gone: the IDLE ends with an error, which is what we want
                }
            });
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    private void pause(Duration duration) {
        var until = System.nanoTime() + duration.toNanos();
        synchronized (monitor) {
            while (!stopped && !leaseLost) {
                var left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    monitor.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                    return;
                }
            }
        }
    }

    private void recordFailure(Exception error) {
        var problem = ImapConnector.describe(error, settings);
        log.warn("Mailbox {}: sync failed, retrying with backoff: {}", mailboxId, problem.message());
        try {
            var now = context.clock.instant();
            for (var folder : settings.folders()) {
                context.states.failed(mailboxId, folder, problem.message(), now);
            }
        } catch (RuntimeException e) {
            log.warn("Mailbox {}: could not record the sync error ({})", mailboxId, e.toString());
        }
    }

    private Duration retryWait() {
        var quarter = properties.leaseDuration().dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : quarter;
    }

    private Duration readTimeout() {
        return properties.idleTimeout().plus(properties.connectTimeout());
    }

    private static void close(Folder folder) {
        try {
            if (folder.isOpen()) {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            // closing a broken connection: nothing to keep
        }
    }
}
