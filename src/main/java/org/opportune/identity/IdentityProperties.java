package org.opportune.identity;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of accounts and sign-in, prefix {@code opportune.identity}.
 *
 * @param loginThrottle how many failed sign-ins within which window lock an account or an address
 * @param rememberMe    "remember me" on the sign-in page; off unless a key is configured
 * @param financialsRoles the roles that see deal values, pricing, quotes and invoices
 *                      ({@link Permission#DEAL_VALUES_VIEW}); the other roles do not, whatever {@link Role} lists
 */
@ConfigurationProperties("opportune.identity")
public record IdentityProperties(
        @DefaultValue LoginThrottleSettings loginThrottle,
        @DefaultValue RememberMeSettings rememberMe,
        @DefaultValue({"ADMIN", "MANAGER", "REP"}) List<Role> financialsRoles) {

    public record LoginThrottleSettings(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window) {
    }

    public record RememberMeSettings(@DefaultValue("false") boolean enabled, @DefaultValue("") String key,
            @DefaultValue("14d") Duration validity) {
    }
}
