package org.opportune.mail.internal;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.opportune.mail.MailProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfig {

    /** Raw messages and attachments, under the data directory. */
    @Bean
    BlobStore blobStore(@Value("${opportune.data-dir}") Path dataDir) {
        return new FileBlobStore(dataDir.resolve("blobs"));
    }

    /** Encrypts mailbox passwords: the configured key, or one generated once into the data directory. */
    @Bean
    SecretBox secretBox(MailProperties properties, @Value("${opportune.data-dir}") Path dataDir) {
        return SecretBox.fromConfig(properties.secretKey(), dataDir);
    }
}
