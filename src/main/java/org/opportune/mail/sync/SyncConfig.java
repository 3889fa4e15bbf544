package org.opportune.mail.sync;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.mail.MailIngestion;
import org.opportune.mail.MailQuarantine;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncProperties.class)
class SyncConfig {

    @Bean
    SyncLeases syncLeases(JdbcClient jdbc) {
        return new SyncLeases(jdbc);
    }

    @Bean
    SyncStates syncStates(JdbcClient jdbc) {
        return new SyncStates(jdbc);
    }

    @Bean
    ImapConnector imapConnector(SyncProperties properties) {
        return new ImapConnector(properties.connectTimeout());
    }

    @Bean
    MailboxSyncers mailboxSyncers(SyncLeases leases, SyncStates states, ImapConnector connector, MailIngestion ingestion,
            MailQuarantine quarantine, SyncProperties properties, Clock clock) {
        return new MailboxSyncers(leases, states, connector, ingestion, quarantine, properties, clock);
    }
}
