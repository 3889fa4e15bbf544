package org.opportune.web.live;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * A second app node's live bus, for tests: on PostgreSQL a bus of its own with its own LISTEN connection to
 * the same schema; on H2 (one node only) the application's own in-process bus.
 */
public final class SecondNode implements AutoCloseable {

    private final LiveBus bus;
    private final Runnable stop;

    private SecondNode(LiveBus bus, Runnable stop) {
        this.bus = bus;
        this.stop = stop;
    }

    public static SecondNode start(LiveBus applicationBus, DataSource dataSource, JdbcClient jdbc) {
        if (applicationBus instanceof PostgresLiveBus) {
            var bus = new PostgresLiveBus(dataSource, jdbc);
            bus.start();
            await().atMost(Duration.ofSeconds(10)).until(bus::listening);
            return new SecondNode(bus, bus::stop);
        }
        return new SecondNode(applicationBus, () -> { });
    }

    public LiveBus bus() {
        return bus;
    }

    @Override
    public void close() {
        stop.run();
    }
}
