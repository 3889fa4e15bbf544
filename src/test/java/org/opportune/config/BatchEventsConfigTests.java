package org.opportune.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import org.opportune.shared.ImportWindow;

import static org.assertj.core.api.Assertions.assertThat;

class BatchEventsConfigTests {

    @Test
    @EnabledOnOs(OS.LINUX)
    void catchingUpAfterAnImportRunsAtALowerPriorityThanEverythingElse() throws Exception {
        var executor = new BatchEventsConfig().batchEventsExecutor(1, 10, new ImportWindow(Duration.ZERO));
        executor.initialize();
        try {
            var niceOfTheListenerThread = executor.submit(BatchEventsConfigTests::niceOfThisThread).get(10, TimeUnit.SECONDS);

            assertThat(niceOfTheListenerThread).isEqualTo(10);
            assertThat(niceOfThisThread()).as("the caller's thread is left alone").isZero();
        } finally {
            executor.shutdown();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void niceZeroKeepsTheNormalPriority() throws Exception {
        var executor = new BatchEventsConfig().batchEventsExecutor(1, 0, new ImportWindow(Duration.ZERO));
        executor.initialize();
        try {
            assertThat(executor.submit(BatchEventsConfigTests::niceOfThisThread).get(10, TimeUnit.SECONDS)).isZero();
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void aBatchEventWaitsWhileAnImportRunsAndIsHandledWhenItEnds() throws Exception {
        var window = new ImportWindow(Duration.ofMinutes(5));
        var executor = new BatchEventsConfig().batchEventsExecutor(1, 0, window);
        executor.initialize();
        try {
            var importing = window.open();
            var handled = executor.submit(() -> "threaded");

            Thread.sleep(300);
            assertThat(handled).isNotDone();
            importing.close();
            assertThat(handled.get(10, TimeUnit.SECONDS)).isEqualTo("threaded");
        } finally {
            executor.shutdown();
        }
    }

    /** Field 19 of /proc/thread-self/stat, counted after the command name in parentheses. */
    private static int niceOfThisThread() throws IOException {
        var stat = Files.readString(Path.of("/proc/thread-self/stat"));
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[19 - 3]);
    }
}
