package org.opportune.identity;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import org.opportune.web.NavEntry;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfig {

    /**
     * bcrypt by default, behind a {@code DelegatingPasswordEncoder} so that hashes can be upgraded later; a hash of
     * another kind ({@code {pbkdf2}...}) is checked by Spring Security's usual set. The bcrypt cost is
     * {@code opportune.identity.bcrypt-strength} (log2 of the rounds; 10, Spring Security's default); the tests
     * use 4, since they create and sign in people by the hundred.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${opportune.identity.bcrypt-strength:10}") int bcryptStrength) {
        var encoder = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(bcryptStrength)));
        encoder.setDefaultPasswordEncoderForMatches(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return encoder;
    }

    @Bean
    NavEntry adminNavEntry() {
        return new NavEntry(90, "Admin", "/admin/users", Permission.ADMINISTER.authority(), List.of("/admin"));
    }
}
