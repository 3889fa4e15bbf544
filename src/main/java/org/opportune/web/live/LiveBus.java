package org.opportune.web.live;

import java.util.function.Consumer;

/**
 * Live updates for open pages (server-sent events), across every app node. A module publishes a short
 * message on a topic when something changed; every node's subscribers of that topic hear it, and push it
 * to the browsers connected to that node. On PostgreSQL the messages travel by {@code LISTEN/NOTIFY}, so
 * two nodes behind a load balancer see each other's changes; on H2 (one node) they stay in the process.
 * <p>
 * Published inside a transaction, a message goes out only when the transaction commits (and never when
 * it rolls back), so a page that refreshes on it sees the change.
 */
public interface LiveBus {

    /** Largest message: PostgreSQL's NOTIFY payload limit, less room for the topic. */
    int MAX_DATA_BYTES = 7000;

    /**
     * Sends {@code data} to every subscriber of {@code topic} on every node.
     *
     * @param topic letters, digits, dots and dashes
     * @throws IllegalArgumentException for a topic with other characters or data over {@link #MAX_DATA_BYTES}
     */
    void publish(String topic, String data);

    /** Calls {@code subscriber} with the data of every message on {@code topic}, on a bus thread; keep it quick. */
    void subscribe(String topic, Consumer<String> subscriber);
}
