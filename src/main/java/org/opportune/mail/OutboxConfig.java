package org.opportune.mail;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.mail.internal.BlobStore;
import org.opportune.mail.internal.OutboxStore;
import org.opportune.mail.sync.ImapConnector;

/** The outbox sender (and the Sent folder copier after it) runs in the app (not in the jar commands), unless {@code opportune.mail.outbox.enabled} is false. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfig {

    @Bean
    @Profile("!command")
    @ConditionalOnProperty(name = "opportune.mail.outbox.enabled", havingValue = "true", matchIfMissing = true)
    OutboxSender outboxSender(OutboxStore store, BlobStore blobs, MailboxService mailboxes, OutboxProperties properties,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        return new OutboxSender(store, blobs, mailboxes, properties, transactions, events, clock);
    }

    @Bean
    @Profile("!command")
    @ConditionalOnProperty(name = "opportune.mail.outbox.enabled", havingValue = "true", matchIfMissing = true)
    SentFolderCopier sentFolderCopier(OutboxStore store, BlobStore blobs, MailboxService mailboxes, ImapConnector connector,
            OutboxProperties properties, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        return new SentFolderCopier(store, blobs, mailboxes, connector, properties, transactions, events, clock);
    }
}
