package org.opportune.identity;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.opportune.web.NavEntry;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfig {

    @Bean
    NavEntry adminNavEntry() {
        return new NavEntry(90, "Admin", "/admin/users", Permission.ADMINISTER.authority());
    }
}
