package org.opportune.shared;

import java.time.Duration;

/**
 * While a bulk import runs in this process, the work it sets off waits for it: threading, triage,
 * customer linking and search indexing of its batches. On a small machine they would otherwise take
 * half of the cores from the import for a result nobody looks at before the import has ended, and they
 * do the same work afterwards anyway (the events wait in the publication registry, so a crash loses
 * nothing). Mail arriving over IMAP meanwhile is not held back: only the batch listeners and the search
 * indexer ask this window.
 *
 * <p>An import opens the window with {@link #open()} and closes it when it ends. Follow-up work calls
 * {@link #awaitClosed()} before it starts. It waits at most {@code limit} after the import began: a very
 * long import lets its follow-up work start after that, so conversations do not stay missing for hours.
 * A limit of zero turns the waiting off. The bean is defined by the {@code config} module.
 */
public final class ImportWindow {

    private final long limitNanos;
    private int running;
    private long deadline;

    public ImportWindow(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    /** An open window, closed by {@link #close()}; for try-with-resources. */
    public interface Opened extends AutoCloseable {
        @Override
        void close();
    }

    /** Marks an import as running until the returned handle is closed. Imports may overlap. */
    public synchronized Opened open() {
        if (running++ == 0) {
            deadline = System.nanoTime() + limitNanos;
        }
        var closed = new boolean[1];
        return () -> {
            synchronized (this) {
                if (!closed[0]) {
                    closed[0] = true;
                    running--;
                    notifyAll();
                }
            }
        };
    }

    /** Whether an import is running now. */
    public synchronized boolean importing() {
        return running > 0;
    }

    /**
     * Waits until no import runs, or until the limit after the first running import began has passed.
     *
     * @throws InterruptedException when the waiting thread is interrupted (shutdown)
     */
    public synchronized void awaitClosed() throws InterruptedException {
        while (running > 0) {
            var left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
