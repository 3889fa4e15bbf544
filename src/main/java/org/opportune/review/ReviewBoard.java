package org.opportune.review;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A review: the preset's queues, with the names the rows show.
 *
 * @param ownerNames display names of the people items belong to, by user id
 * @param staleDays  after how many days without a change an opportunity counts as stale
 */
public record ReviewBoard(Preset preset, List<ReviewQueue> queues, Map<Long, String> ownerNames, LocalDate today,
        int staleDays) {

    public ReviewBoard {
        queues = List.copyOf(queues);
        ownerNames = Map.copyOf(ownerNames);
    }

    public String ownerName(Long userId) {
        return ownerNames.getOrDefault(userId, "someone");
    }

    public long total() {
        return queues.stream().mapToLong(ReviewQueue::count).sum();
    }
}
