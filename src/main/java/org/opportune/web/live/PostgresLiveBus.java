package org.opportune.web.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Several nodes on one PostgreSQL: a message is a {@code NOTIFY} on a channel named after the schema (so two
 * installations, or two test contexts, in one database never hear each other), sent in the publisher's
 * transaction, so PostgreSQL delivers it when that commits. One connection per node {@code LISTEN}s on a
 * thread of its own and hands what arrives to this node's subscribers, the node's own messages included.
 * A lost connection is opened again with a growing pause (1 s up to 30 s); messages sent meanwhile are
 * missed, which costs an open page one refresh at most (pages also refresh when they reconnect).
 */
class PostgresLiveBus extends AbstractLiveBus implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresLiveBus.class);
    private static final int WAIT_MILLIS = 1000;
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final String channel;
    private volatile boolean running;
    private volatile @Nullable Thread thread;
    private volatile @Nullable Connection listening;
    private volatile boolean listeningNow;

    PostgresLiveBus(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.channel = channelFor(jdbc.sql("select current_schema()").query(String.class).single());
    }

    static String channelFor(String schema) {
        var safe = schema.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        var name = "public".equals(safe) ? "opportune_live" : "opportune_live_" + safe;
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    String channel() {
        return channel;
    }

    /** Whether the listening connection is up (for tests and health). */
    boolean listening() {
        return listeningNow;
    }

    @Override
    public void publish(String topic, String data) {
        var message = encode(topic, data);
        jdbc.sql("select pg_notify(:channel, :message)").param("channel", channel).param("message", message)
                .query((rs, row) -> 1).list();
    }

    @Override
    public void start() {
        running = true;
        var listener = new Thread(this::listen, "live-bus");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        closeQuietly(listening);
        var listener = thread;
        if (listener != null) {
            listener.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        var pause = Duration.ofSeconds(1);
        while (running) {
            try (var connection = dataSource.getConnection()) {
                listening = connection;
                connection.setAutoCommit(true);
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN \"" + channel + "\"");
                }
                var pg = connection.unwrap(PGConnection.class);
                listeningNow = true;
                pause = Duration.ofSeconds(1);
                while (running) {
                    var notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (var notification : notifications) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listeningNow = false;
                if (!running) {
                    return;
                }
                log.warn("Live updates across nodes paused: {}; trying again in {} s", e.getMessage(), pause.toSeconds());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            } finally {
                listeningNow = false;
                listening = null;
            }
        }
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException e) {
                log.debug("Closing the live bus connection: {}", e.getMessage());
            }
        }
    }
}
