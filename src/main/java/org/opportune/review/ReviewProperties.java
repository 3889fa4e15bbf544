package org.opportune.review;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the review queues, prefix {@code opportune.review}.
 *
 * @param staleDays           an open opportunity unchanged for this many days is stale
 * @param waitingStageWords   an open stage whose key contains one of these words holds proposals waiting on
 *                            the customer ({@code proposal_sent}, {@code waiting_on_customer})
 * @param itemsPerQueue       how many items each queue shows (the count covers all)
 */
@ConfigurationProperties("opportune.review")
public record ReviewProperties(
        @DefaultValue("30") int staleDays,
        @DefaultValue({"proposal", "waiting"}) List<String> waitingStageWords,
        @DefaultValue("25") int itemsPerQueue) {

    public ReviewProperties {
        staleDays = Math.max(1, staleDays);
        waitingStageWords = List.copyOf(waitingStageWords);
        itemsPerQueue = Math.max(1, Math.min(itemsPerQueue, 200));
    }
}
