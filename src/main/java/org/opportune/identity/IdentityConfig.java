package org.opportune.identity;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import org.opportune.web.NavEntry;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfig {

    /** bcrypt by default, behind a {@code DelegatingPasswordEncoder} so that hashes can be upgraded later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    NavEntry adminNavEntry() {
        return new NavEntry(90, "Admin", "/admin/users", Permission.ADMINISTER.authority(), List.of("/admin"));
    }
}
