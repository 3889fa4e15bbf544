package org.opportune.mail.internal;

import java.time.Duration;
import java.util.function.LongConsumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many event publications (Spring Modulith's registry) are still waiting for their listener,
 * such as {@code MessageReceived} for threading. A jar command that stores mail waits for them
 * before it exits, so what it started (threading) is finished when it returns; failed publications
 * are not waited for (they are retried at the next start).
 */
@Component
public class PublicationBacklog {

    private final JdbcClient jdbc;

    PublicationBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long outstanding() {
        return jdbc.sql("""
                        select count(*) from event_publication
                        where completion_date is null and (status is null or status <> 'FAILED')
                        """)
                .query(Long.class).single();
    }

    /** How many publications have completed so far: it grows while listeners make progress. */
    long completed() {
        return jdbc.sql("select count(*) from event_publication where completion_date is not null")
                .query(Long.class).single();
    }

    /**
     * Waits until no publication is outstanding, or until none has completed for {@code stall}. The
     * outstanding count alone is no measure of progress: listeners publish events of their own (threading
     * publishes what it threaded), so it can stay level or grow while work gets done.
     *
     * @param progress told the outstanding count about once a second
     * @return how many are still outstanding (0 when all completed)
     */
    public long await(Duration stall, LongConsumer progress) {
        long last = outstanding();
        long done = completed();
        long lastChange = System.nanoTime();
        while (last > 0) {
            progress.accept(last);
            try {
                Thread.sleep(last > 1000 ? 1000 : 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            var now = outstanding();
            var doneNow = completed();
            if (now < last || doneNow > done) {
                lastChange = System.nanoTime();
                done = doneNow;
            } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                return now;
            }
            last = now;
        }
        return 0;
    }
}
