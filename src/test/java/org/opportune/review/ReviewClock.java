package org.opportune.review;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import org.opportune.testing.MutableClock;

/**
 * The review tests' application: a clock they move, starting Monday 2 March 2026, 08:00 UTC (each test sets it
 * back first), business days in UTC and no reminder runs. The service and the browser tests declare the same
 * configuration through this annotation, so they share one Spring context (one start, one Flyway run).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(ReviewClock.Clock.class)
@TestPropertySource(properties = {"opportune.task.reminders=false", "opportune.review.stale-days=30",
        "opportune.opportunity.time-zone=UTC", "opportune.task.zone=UTC"})
@interface ReviewClock {

    Instant MONDAY = Instant.parse("2026-03-02T08:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    class Clock {
        @Bean
        @Primary
        MutableClock reviewTestClock() {
            return new MutableClock(MONDAY);
        }
    }
}
