package org.opportune.conversation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConversationProperties.class)
class ConversationConfig {

    @Bean
    ThreadResolver threadResolver(ConversationProperties properties) {
        return new ThreadResolver(properties.subjectWindow());
    }
}
