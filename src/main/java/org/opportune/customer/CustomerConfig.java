package org.opportune.customer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.opportune.web.NavEntry;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CustomerProperties.class)
class CustomerConfig {

    @Bean
    NavEntry customersNavEntry() {
        return new NavEntry(40, "Customers", "/customers", "INBOX_VIEW");
    }
}
