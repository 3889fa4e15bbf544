package org.opportune.identity.security;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
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
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcherEntry;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

import org.opportune.identity.ApiTokenService;
import org.opportune.identity.IdentityProperties;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Permission;
import org.opportune.web.api.ApiProblems;

/**
 * Who may reach what: form login, CSRF on every form, a strict Content-Security-Policy (no inline
 * script anywhere), secure headers, login throttling, the first-run setup redirect and the forced
 * password change after an admin set a one-time password. The JSON API under {@code /api} answers
 * 401 and 403 as problem details; a request there with {@code Authorization: Bearer <token>} goes through
 * a stateless chain of its own (personal API tokens: no session, no CSRF token needed).
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

    /** The Swagger UI pages: a person looking at them who is not signed in is sent to sign in, as on any page. */
    static final String[] API_DOCS_UI = {"/api/docs/ui", "/api/docs/swagger-ui/**"};

    /** API requests that answer with problem details rather than sign-in redirects and HTML pages. */
    static final RequestMatcher API = request -> ApiProblems.isApi(request) && !isApiDocsUi(request);

    private static boolean isApiDocsUi(jakarta.servlet.http.HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(API_DOCS_UI[0]) || path.startsWith("/api/docs/swagger-ui/");
    }

    /**
     * Requests to {@code /api} with a bearer token: authenticated by the token alone, for that request; no
     * session is read or written, so CSRF protection (which guards the session cookie) does not apply.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiTokenFilterChain(HttpSecurity http, ObjectProvider<ApiTokenService> tokens) throws Exception {
        // an ObjectProvider, so that web slice tests that import this class need not mock the token service
        http
                .securityMatcher(request -> ApiProblems.isApi(request) && BearerTokenFilter.hasBearer(request))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.disable())
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ApiSecurityHandlers.UNAUTHORIZED)
                        .accessDeniedHandler(ApiSecurityHandlers.FORBIDDEN))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .addFilterBefore(new BearerTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, IdentityService identity,
            IdentityProperties properties, UserDetailsService userDetails) throws Exception {
        http
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers("/admin", "/admin/**").hasAuthority(Permission.ADMINISTER.authority())
                        .anyRequest().authenticated())
                // explicit, because a single "default for" mapping would apply to every request, pages included
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(new DelegatingAuthenticationEntryPoint(
                                new LoginUrlAuthenticationEntryPoint("/login"),
                                new RequestMatcherEntry<AuthenticationEntryPoint>(API, ApiSecurityHandlers.UNAUTHORIZED)))
                        .accessDeniedHandler(new RequestMatcherDelegatingAccessDeniedHandler(
                                new LinkedHashMap<>(Map.of(API, ApiSecurityHandlers.FORBIDDEN)), new AccessDeniedHandlerImpl())))
                .requestCache(cache -> cache.requestCache(apiNotSaved()))
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

    /** After signing in, a person goes back to the page they wanted, never to an API answer. */
    private static org.springframework.security.web.savedrequest.HttpSessionRequestCache apiNotSaved() {
        var cache = new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
        cache.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod()) && !API.matches(request)
                && !request.getRequestURI().endsWith("/favicon.svg") && request.getHeader("HX-Request") == null
                && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With")));
        return cache;
    }
}
