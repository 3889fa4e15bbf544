package org.opportune.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged application ({@code target/opportune.jar}) running as a separate JVM, for tests that
 * kill it for real ({@link #kill()} is SIGKILL on Linux) and start it again on the same data. Its
 * stdout and stderr go to files in a directory of the test's, so they can be read while it runs and
 * after it died. Always {@link #close()} it (try-with-resources or {@code @AfterEach}): that kills
 * the process and everything it started, so no test leaves a JVM behind.
 */
public final class JarProcess implements AutoCloseable {

    /** Where failsafe finds the jar: {@code package} runs before the integration tests. */
    public static final Path JAR = Path.of("target/opportune.jar");

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JarProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code java -jar target/opportune.jar ARGS...} with the database's environment.
     *
     * @param logs where {@code NAME.out} and {@code NAME.err} are written
     */
    public static JarProcess start(String name, ProcessDatabase database, Path logs, String... args) {
        return start(name, database, logs, Map.of(), args);
    }

    public static JarProcess start(String name, ProcessDatabase database, Path logs, Map<String, String> environment,
            String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the integration tests with mvn verify");
        }
        var command = new ArrayList<String>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(logs);
            var out = logs.resolve(name + ".out");
            var err = logs.resolve(name + ".err");
            var builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            var env = new LinkedHashMap<>(database.environment());
            env.putAll(environment);
            builder.environment().putAll(env);
            return new JarProcess(name, builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; fails with its output when it takes longer. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not end within " + timeout + describe());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Polls stdout or stderr (every few milliseconds) until the text satisfies the condition; fails
     * when the process ends first or the time is up.
     */
    public void awaitOutput(Predicate<String> condition, boolean fromStderr, Duration timeout) {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.test(fromStderr ? stderr() : stdout())) {
                return;
            }
            if (!process.isAlive()) {
                if (condition.test(fromStderr ? stderr() : stdout())) {
                    return;
                }
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before the expected output" + describe());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not print the expected output within " + timeout + describe());
            }
            sleep(5);
        }
    }

    /** SIGKILL: no shutdown hook, no graceful shutdown, no flushing; returns when it is gone. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitGone(Duration.ofSeconds(30));
    }

    /** SIGTERM: the graceful shutdown a service manager would ask for. */
    public void stop(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive() || process.descendants().findAny().isPresent()) {
            kill();
        }
    }

    private void waitGone(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The end of its stdout and stderr, for a test's failure message. */
    public String describe() {
        return "\n--- stdout of " + name + " ---\n" + tail(stdout()) + "\n--- stderr of " + name + " ---\n" + tail(stderr());
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
