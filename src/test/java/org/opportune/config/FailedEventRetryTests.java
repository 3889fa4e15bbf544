package org.opportune.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.EventPublication;

import static org.assertj.core.api.Assertions.assertThat;

class FailedEventRetryTests {

    static final Instant PUBLISHED = Instant.parse("2026-11-27T10:00:00Z");

    final FailedEventRetry retry = new FailedEventRetry(options -> { }, Clock.systemUTC(),
            Duration.ofSeconds(10), Duration.ofMinutes(10), 20);

    @Test
    void theDelayDoublesPerAttemptUpToTheMaximum() {
        assertThat(retry.backoff(0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.backoff(1)).isEqualTo(Duration.ofSeconds(20));
        assertThat(retry.backoff(5)).isEqualTo(Duration.ofSeconds(320));
        assertThat(retry.backoff(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(retry.backoff(19)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aFailedPublicationIsDueOnceItsBackoffSinceTheLastAttemptHasPassed() {
        var once = failed(1, PUBLISHED);
        assertThat(retry.due(once, PUBLISHED.plusSeconds(9))).isFalse();
        assertThat(retry.due(once, PUBLISHED.plusSeconds(10))).isTrue();

        var lastTried = PUBLISHED.plusSeconds(100);
        var thrice = failed(3, lastTried);
        assertThat(retry.due(thrice, lastTried.plusSeconds(39))).isFalse();
        assertThat(retry.due(thrice, lastTried.plusSeconds(40))).isTrue();
    }

    @Test
    void afterTheMaximumNumberOfAttemptsItIsLeftForTheNextStart() {
        assertThat(retry.due(failed(19, PUBLISHED), PUBLISHED.plus(Duration.ofHours(1)))).isTrue();
        assertThat(retry.due(failed(1, null), PUBLISHED.plusSeconds(10))).as("no resubmission date: from the publication").isTrue();
        assertThat(retry.due(failed(20, PUBLISHED), PUBLISHED.plus(Duration.ofDays(1)))).isFalse();
    }

    private static EventPublication failed(int attempts, Instant lastResubmission) {
        var id = UUID.randomUUID();
        return new EventPublication() {
            public UUID getIdentifier() {
                return id;
            }

            public Object getEvent() {
                return "event";
            }

            public Instant getPublicationDate() {
                return PUBLISHED;
            }

            public Optional<Instant> getCompletionDate() {
                return Optional.empty();
            }

            public Status getStatus() {
                return Status.FAILED;
            }

            public Instant getLastResubmissionDate() {
                return lastResubmission;
            }

            public int getCompletionAttempts() {
                return attempts;
            }
        };
    }
}
