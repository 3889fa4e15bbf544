package org.opportune.mail;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.opportune.mail.internal.BlobCollector;

/** Runs the orphan blob collector on {@code opportune.mail.blob-gc.cron} (nightly by default). */
@Component
class OrphanBlobCollection {

    private final BlobCollector collector;
    private final BlobGcProperties properties;

    OrphanBlobCollection(BlobCollector collector, BlobGcProperties properties) {
        this.collector = collector;
        this.properties = properties;
    }

    @Scheduled(cron = "${opportune.mail.blob-gc.cron:0 30 3 * * *}")
    void collect() {
        collector.collect(properties.grace(), false);
    }
}
