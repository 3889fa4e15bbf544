package org.opportune.mail.internal;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.mail.BlobGcProperties;
import org.opportune.mail.MailProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MailProperties.class, BlobGcProperties.class})
class MailConfig {

    /** Raw messages and attachments, under the data directory. */
    @Bean
    BlobStore blobStore(@Value("${opportune.data-dir}") Path dataDir,
            @Value("${opportune.mail.blob-fsync:true}") boolean fsync) {
        return new FileBlobStore(dataDir.resolve("blobs"), fsync);
    }

    @Bean
    BlobCollector blobCollector(JdbcClient jdbc, BlobStore blobs, Clock clock) {
        return new BlobCollector(jdbc, blobs, clock);
    }

    /** Encrypts mailbox passwords: the configured key, or one generated once into the data directory. */
    @Bean
    SecretBox secretBox(MailProperties properties, @Value("${opportune.data-dir}") Path dataDir) {
        return SecretBox.fromConfig(properties.secretKey(), dataDir);
    }
}
