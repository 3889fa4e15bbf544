package org.opportune.web.live;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Subscribers per topic, message checks and the wire format ({@code topic}, a space, then the data). */
abstract class AbstractLiveBus implements LiveBus {

    private static final Logger log = LoggerFactory.getLogger(AbstractLiveBus.class);
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9.-]{1,64}");

    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();

    @Override
    public void subscribe(String topic, Consumer<String> subscriber) {
        check(topic, "");
        subscribers.computeIfAbsent(topic, key -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    static String encode(String topic, String data) {
        check(topic, data);
        return topic + " " + data;
    }

    private static void check(String topic, String data) {
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("A live topic is 1-64 letters, digits, dots or dashes: " + topic);
        }
        if (data.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("A live message holds at most " + MAX_DATA_BYTES + " bytes");
        }
    }

    /** Hands a message as it came off the wire to the topic's subscribers; a subscriber's failure stays its own. */
    void deliver(String message) {
        var space = message.indexOf(' ');
        if (space <= 0) {
            log.debug("Ignoring a live message without a topic: {}", message);
            return;
        }
        var topic = message.substring(0, space);
        var data = message.substring(space + 1);
        for (var subscriber : subscribers.getOrDefault(topic, List.of())) {
            try {
                subscriber.accept(data);
            } catch (RuntimeException e) {
                log.warn("A subscriber of live topic {} failed: {}", topic, e.toString());
            }
        }
    }
}
