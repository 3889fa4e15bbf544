package org.opportune.config;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The nightly cleanup deletes deliveries completed over a week ago, and keeps recent and unfinished ones. */
@IntegrationTest
class CompletedEventCleanupIntegrationTests {

    @Autowired
    CompletedEventCleanup cleanup;

    @Autowired
    JdbcClient jdbc;

    @Test
    void deliveriesCompletedOverAWeekAgoAreDeletedAndTheRestKept() {
        var now = Instant.now();
        var old = publication("COMPLETED", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(8)));
        var recent = publication("COMPLETED", now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)));
        var failed = publication("FAILED", now.minus(Duration.ofDays(30)), null);

        cleanup.deleteOld();

        assertThat(exists(old)).as("completed 8 days ago").isFalse();
        assertThat(exists(recent)).as("completed 2 days ago").isTrue();
        assertThat(exists(failed)).as("never completed").isTrue();
    }

    private UUID publication(String status, Instant published, Instant completed) {
        var id = UUID.randomUUID();
        jdbc.sql("""
                        insert into event_publication (id, event_type, listener_id, publication_date, serialized_event, status,
                            completion_attempts, last_resubmission_date, completion_date)
                        values (:id, 'org.opportune.Probe', 'cleanup.test', :published, :event, :status, 1, :published, :completed)""")
                .param("id", id).param("published", Timestamp.from(published)).param("event", "{\"id\":\"" + id + "\"}")
                .param("status", status).param("completed", completed == null ? null : Timestamp.from(completed))
                .update();
        return id;
    }

    private boolean exists(UUID id) {
        return jdbc.sql("select count(*) from event_publication where id = :id").param("id", id).query(Long.class).single() == 1;
    }
}
