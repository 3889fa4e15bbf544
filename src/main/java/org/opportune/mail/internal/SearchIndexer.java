package org.opportune.mail.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.opportune.shared.ImportWindow;

/**
 * Fills the search vector of an import's messages after their batch committed, in bulk and on a thread
 * (and database connection) of its own, so the import does not wait for {@code to_tsvector}: that was
 * most of the server's time for inserting a batch (V113). A message without a vector is simply not
 * found by full-text search yet; the state is in the rows (null = to do), so a crash in between loses
 * nothing: the sweep at start and every minute indexes what is left. Only on PostgreSQL.
 */
@Component
public class SearchIndexer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
    /** Rows per update statement: large enough to amortise the round trip, small enough to hold few locks briefly. */
    private static final int CHUNK = 500;

    private final MessageStore messages;
    private final ImportWindow imports;
    private final ExecutorService worker;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SearchIndexer(MessageStore messages, ImportWindow imports) {
        this.messages = messages;
        this.imports = imports;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            var thread = new Thread(runnable, "search-indexer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Asks for the messages without a search vector to be indexed soon; returns at once. */
    public void nudge() {
        if (messages.hasSearchVector() && scheduled.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(initialDelayString = "${opportune.mail.search-index.sweep-interval:60s}",
            fixedDelayString = "${opportune.mail.search-index.sweep-interval:60s}")
    void sweep() {
        nudge();
    }

    /**
     * Indexes until no message is left without a vector; a nudge meanwhile schedules another pass. While an import
     * runs it waits ({@link ImportWindow}): {@code to_tsvector} was about half of the server's CPU during an import,
     * and the import's rows are indexed right after it in larger steps.
     */
    private void drain() {
        try {
            imports.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        scheduled.set(false);
        try {
            while (messages.indexPendingForSearch(CHUNK) > 0) {
                // next chunk
            }
        } catch (RuntimeException e) {
            log.warn("Indexing messages for search failed; the next sweep tries again: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
