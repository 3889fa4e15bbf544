package org.opportune.mail.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * IMAP sync settings, prefix {@code opportune.mail.sync}.
 *
 * @param enabled           run the syncers on this node at all (off for jar commands)
 * @param idleTimeout       how long one IMAP IDLE may last before it is renewed (RFC 2177: under 29 minutes)
 * @param pollInterval      poll interval of new mailboxes, and of servers without IDLE
 * @param backoffInitial    first wait after an error; doubled after every further error
 * @param backoffMax        the longest wait between attempts
 * @param leaseDuration     how long a node's claim on a mailbox lasts without renewal (renewed every third of it)
 * @param batchSize         UIDs fetched per batch
 * @param reconcileInterval how often a node looks for mailboxes that were added or changed on another node
 * @param connectTimeout    connect and read timeout outside IDLE
 */
@ConfigurationProperties("opportune.mail.sync")
public record SyncProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("25m") Duration idleTimeout,
        @DefaultValue("60s") Duration pollInterval,
        @DefaultValue("1s") Duration backoffInitial,
        @DefaultValue("5m") Duration backoffMax,
        @DefaultValue("2m") Duration leaseDuration,
        @DefaultValue("200") int batchSize,
        @DefaultValue("30s") Duration reconcileInterval,
        @DefaultValue("20s") Duration connectTimeout) {
}
