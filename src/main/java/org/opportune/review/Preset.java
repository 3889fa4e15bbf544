package org.opportune.review;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Which queues a review shows: the daily look (leads, overdue, waiting customers) or the weekly one (all). */
public enum Preset {
    DAILY("Daily", List.of(Queue.UNASSIGNED_LEADS, Queue.OVERDUE, Queue.CUSTOMER_WAITING)),
    WEEKLY("Weekly", List.of(Queue.values()));

    private final String label;
    private final List<Queue> queues;

    Preset(String label, List<Queue> queues) {
        this.label = label;
        this.queues = List.copyOf(queues);
    }

    public String label() {
        return label;
    }

    public List<Queue> queues() {
        return queues;
    }

    /** The preset's name in a URL: {@code daily}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Preset> fromKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key().equals(key)).findFirst();
    }
}
