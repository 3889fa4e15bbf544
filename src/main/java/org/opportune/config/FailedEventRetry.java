package org.opportune.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers again, with backoff, the events whose listener failed: Spring Modulith marks such a
 * publication FAILED and, left alone, retries it only at the next start. A listener fails for
 * reasons that pass (a lock timeout or deadlock while an import and a sync write at once, the
 * database restarting), and what it does (threading, triage, customer linking, notifications) must
 * not wait for a restart. Listeners are idempotent, so a delivery that did its work and failed
 * only at the end does no harm when repeated. After {@code max-attempts} deliveries a publication
 * stays FAILED (logged, and delivered again at the next start).
 */
@Component
class FailedEventRetry {

    private static final Logger log = LoggerFactory.getLogger(FailedEventRetry.class);

    private final FailedEventPublications failed;
    private final Clock clock;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final int maxAttempts;
    private final Set<UUID> givenUp = ConcurrentHashMap.newKeySet();

    FailedEventRetry(FailedEventPublications failed, Clock clock,
            @Value("${opportune.events.retry.first-delay:10s}") Duration firstDelay,
            @Value("${opportune.events.retry.max-delay:10m}") Duration maxDelay,
            @Value("${opportune.events.retry.max-attempts:20}") int maxAttempts) {
        this.failed = failed;
        this.clock = clock;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.maxAttempts = maxAttempts;
    }

    @Scheduled(fixedDelayString = "${opportune.events.retry.poll-interval:5s}",
            initialDelayString = "${opportune.events.retry.poll-interval:5s}")
    void retryDue() {
        var now = clock.instant();
        failed.resubmit(ResubmissionOptions.defaults().withFilter(publication -> due(publication, now)));
    }

    /**
     * Due when the backoff since the last attempt has passed: {@code first-delay}, doubled per retry
     * up to {@code max-delay}; never after {@code max-attempts} deliveries (the registry counts the
     * first delivery as attempt 1).
     */
    boolean due(EventPublication publication, Instant now) {
        var attempts = publication.getCompletionAttempts();
        if (attempts >= maxAttempts) {
            if (givenUp.add(publication.getIdentifier())) {
                log.warn("Event {} for a listener failed {} times; it is delivered again at the next start",
                        publication.getEvent().getClass().getSimpleName(), attempts);
            }
            return false;
        }
        var last = publication.getLastResubmissionDate() != null ? publication.getLastResubmissionDate()
                : publication.getPublicationDate();
        return !now.isBefore(last.plus(backoff(Math.max(0, attempts - 1))));
    }

    /** The wait before retry number {@code retries + 1}. */
    Duration backoff(int retries) {
        var delay = firstDelay;
        for (int i = 0; i < retries && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) < 0 ? delay : maxDelay;
    }
}
