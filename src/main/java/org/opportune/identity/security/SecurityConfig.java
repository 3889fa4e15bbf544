package org.opportune.identity.security;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

import org.opportune.identity.IdentityProperties;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Permission;

/**
 * Who may reach what: form login, CSRF on every form, a strict Content-Security-Policy (no inline
 * script anywhere), secure headers, login throttling, the first-run setup redirect and the forced
 * password change after an admin set a one-time password.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableMethodSecurity
public class SecurityConfig {

    /** No inline script or style, no plugins, no framing of our pages; email HTML will be framed from 'self'. */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "frame-src 'self'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'none'",
            "object-src 'none'");

    /** The one thing we frame ourselves: a message's sanitised HTML on the conversation page. */
    static final String FRAMED_PATH = "/messages/*/body";

    static final String[] PUBLIC_PATHS = {
            "/login", "/login/**", "/setup", "/css/**", "/js/**", "/webjars/**", "/favicon.svg",
            "/actuator/health", "/actuator/health/**", "/actuator/info"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, IdentityService identity,
            IdentityProperties properties, UserDetailsService userDetails) throws Exception {
        http
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers("/admin", "/admin/**").hasAuthority(Permission.ADMINISTER.authority())
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .successHandler(new LoginSuccess(identity))
                        .failureHandler(new LoginFailure(identity))
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/logout")
                        .addLogoutHandler(new LogoutRecorder(identity))
                        .logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        // DENY everywhere but a message body, which sits in our own sandboxed frame (it sets SAMEORIGIN)
                        .frameOptions(frame -> frame.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(FRAMED_PATH)),
                                new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY))))
                .addFilterBefore(new LoginThrottleFilter(identity), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new SetupRedirectFilter(identity), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new PasswordChangeRequiredFilter(), AuthorizationFilter.class);
        var rememberMe = properties.rememberMe();
        if (rememberMe.enabled()) {
            if (rememberMe.key().isBlank()) {
                throw new IllegalStateException("opportune.identity.remember-me.key must be set when remember-me is enabled");
            }
            http.rememberMe(remember -> remember
                    .key(rememberMe.key())
                    .tokenValiditySeconds((int) rememberMe.validity().toSeconds())
                    .userDetailsService(userDetails));
        }
        return http.build();
    }
}
