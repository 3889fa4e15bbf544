package org.opportune.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per address in the database (so all nodes agree) and
 * says how long a further attempt must wait.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final IdentityProperties properties;

    LoginThrottle(JdbcClient jdbc, Clock clock, IdentityProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    void recordFailure(String username, String remoteAddr) {
        jdbc.sql("insert into login_attempts (username, remote_addr, attempted_at) values (:username, :addr, :at)")
                .param("username", username)
                .param("addr", remoteAddr)
                .param("at", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** A successful sign-in clears the account's failures; the address's failures stand. */
    void clearAccount(String username) {
        jdbc.sql("delete from login_attempts where username = :username").param("username", username).update();
    }

    /** How long until the account or the address may try again, if either has too many recent failures. */
    Optional<Duration> retryAfter(String username, String remoteAddr) {
        var window = properties.loginThrottle().window();
        var since = clock.instant().minus(window);
        var max = properties.loginThrottle().maxFailures();
        return latestOpening(oldestCountingFailure("username", username, since, max), window)
                .or(() -> latestOpening(oldestCountingFailure("remote_addr", remoteAddr, since, max), window));
    }

    /**
     * The failure whose expiry frees one attempt: with {@code max} failures in the window, the
     * {@code max}-th newest one. Null when there are fewer than {@code max}.
     */
    private Optional<Instant> oldestCountingFailure(String column, String value, Instant since, int max) {
        // column is one of two fixed names, never user input
        return jdbc.sql("select attempted_at from login_attempts where " + column + " = :value and attempted_at > :since"
                        + " order by attempted_at desc offset :skip rows fetch next 1 rows only")
                .param("value", value)
                .param("since", since.atOffset(ZoneOffset.UTC))
                .param("skip", max - 1)
                .query(OffsetDateTime.class)
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    private Optional<Duration> latestOpening(Optional<Instant> failure, Duration window) {
        return failure.map(at -> Duration.between(clock.instant(), at.plus(window)))
                .filter(wait -> !wait.isNegative() && !wait.isZero());
    }
}
