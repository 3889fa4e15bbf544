package org.opportune.review;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.opportune.identity.Permission;
import org.opportune.web.NavEntry;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReviewProperties.class)
class ReviewConfig {

    @Bean
    NavEntry reviewNavEntry() {
        return new NavEntry(30, "Review", "/review", Permission.INBOX_VIEW.authority());
    }
}
