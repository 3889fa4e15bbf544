package org.opportune.shared;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportWindowTests {

    @Test
    void followUpWorkWaitsUntilTheLastOfOverlappingImportsHasEnded() throws Exception {
        var window = new ImportWindow(Duration.ofMinutes(5));
        var first = window.open();
        var second = window.open();
        var waiting = CompletableFuture.runAsync(() -> await(window));

        first.close();
        first.close(); // closing twice counts once
        assertThatThrownBy(() -> waiting.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(window.importing()).isTrue();

        second.close();
        waiting.get(5, TimeUnit.SECONDS);
        assertThat(window.importing()).isFalse();
    }

    @Test
    void aLongImportHoldsFollowUpWorkBackOnlyForTheLimitAfterItBegan() throws Exception {
        var window = new ImportWindow(Duration.ofMillis(400));
        try (var importing = window.open()) {
            var start = System.nanoTime();
            await(window);
            var waited = Duration.ofNanos(System.nanoTime() - start);
            var again = System.nanoTime();
            await(window); // the limit has passed: no more waiting for this import
            var waitedAgain = Duration.ofNanos(System.nanoTime() - again);

            assertThat(waited).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
            assertThat(waitedAgain).isLessThan(Duration.ofMillis(200));
            assertThat(window.importing()).isTrue();
        }
    }

    @Test
    void aLimitOfZeroNeverWaitsAndNoImportNeverWaits() throws Exception {
        var off = new ImportWindow(Duration.ZERO);
        try (var importing = off.open()) {
            CompletableFuture.runAsync(() -> await(off)).get(1, TimeUnit.SECONDS);
        }
        CompletableFuture.runAsync(() -> await(new ImportWindow(Duration.ofHours(1)))).get(1, TimeUnit.SECONDS);
    }

    private static void await(ImportWindow window) {
        try {
            window.awaitClosed();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
