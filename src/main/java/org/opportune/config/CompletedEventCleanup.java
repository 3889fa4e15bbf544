package org.opportune.config;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes event publications that completed longer ago than {@code keep} (a week by default), nightly.
 * Every stored message leaves several completed publications (threading, triage, customer linking,
 * notifications); kept for good they would grow the registry by millions of rows, and the registry's
 * own lookups with them. A week keeps recent deliveries for anyone tracing a problem.
 */
@Component
class CompletedEventCleanup {

    private final CompletedEventPublications completed;
    private final Duration keep;

    CompletedEventCleanup(CompletedEventPublications completed,
            @Value("${opportune.events.completed.keep:7d}") Duration keep) {
        this.completed = completed;
        this.keep = keep;
    }

    @Scheduled(cron = "${opportune.events.completed.cleanup-cron:0 10 4 * * *}")
    void deleteOld() {
        completed.deletePublicationsOlderThan(keep);
    }
}
