package org.opportune.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The orphan blob collector, prefix {@code opportune.mail.blob-gc}.
 *
 * @param grace a blob written more recently than this is never deleted (an import or a sync may not have
 *              committed the rows that reference it yet); longer than any import runs
 * @param cron  when the collector runs on its own (Spring cron, server time zone); {@code -} turns it off
 */
@ConfigurationProperties("opportune.mail.blob-gc")
public record BlobGcProperties(
        @DefaultValue("24h") Duration grace,
        @DefaultValue("0 30 3 * * *") String cron) {
}
