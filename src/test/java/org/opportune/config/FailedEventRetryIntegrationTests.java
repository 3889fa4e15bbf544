package org.opportune.config;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that fails (as one does on a lock timeout) gets the event again while the application
 * runs, with backoff, instead of only at the next start; one that keeps failing is given up after
 * the configured number of attempts and stays FAILED in the registry.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "opportune.events.retry.first-delay=300ms",
        "opportune.events.retry.max-delay=1s",
        "opportune.events.retry.max-attempts=3",
        "opportune.events.retry.poll-interval=100ms"})
class FailedEventRetryIntegrationTests {

    record Probe(String name) {
    }

    static class FlakyListener {

        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger hopelessCalls = new AtomicInteger();

        @ApplicationModuleListener
        void on(Probe probe) {
            if (probe.name().equals("hopeless")) {
                hopelessCalls.incrementAndGet();
                throw new IllegalStateException("always fails");
            }
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("Timeout trying to lock table (simulated)");
            }
            done.incrementAndGet();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listeners {

        @Bean
        FlakyListener flakyListener() {
            return new FlakyListener();
        }
    }

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    FlakyListener listenerBean;

    /** The listener itself: the bean is a proxy (asynchronous, transactional) whose fields are not the listener's. */
    FlakyListener listener;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFailedListenerGetsTheEventAgainWithoutARestartAndAHopelessOneIsGivenUp() {
        listener = AopTestUtils.getUltimateTargetObject(listenerBean);
        transactions.executeWithoutResult(status -> events.publishEvent(new Probe("flaky")));

        await().atMost(Duration.ofSeconds(20)).until(() -> listener.done.get() == 1);
        assertThat(listener.calls.get()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> publications("flaky", "COMPLETED") == 1);

        transactions.executeWithoutResult(status -> events.publishEvent(new Probe("hopeless")));
        await().atMost(Duration.ofSeconds(20)).until(() -> listener.hopelessCalls.get() == 3);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(listener.hopelessCalls.get()).as("the first delivery and two retries, then no more").isEqualTo(3);
        assertThat(publications("hopeless", "FAILED")).isEqualTo(1);
    }

    private long publications(String name, String status) {
        return jdbc.sql("select count(*) from event_publication where serialized_event like :event and status = :status")
                .param("event", "%\"" + name + "\"%").param("status", status).query(Long.class).single();
    }
}
