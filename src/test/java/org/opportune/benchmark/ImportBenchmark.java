package org.opportune.benchmark;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.OpportuneApplication;
import org.opportune.mail.MailImporter;
import org.opportune.mail.internal.ParseOnly;
import org.opportune.mail.internal.PublicationBacklog;
import org.opportune.shared.Actor;
import org.opportune.testing.MailCorpus;

/**
 * The mail import benchmark (a command, not a test; figures go to docs/benchmarks.md). Generates a
 * realistic corpus as one mbox (deterministic: seed 42), measures the parse-only speed of it, then
 * imports it through {@link MailImporter} (exactly what {@code import} does) into a fresh H2 file
 * database and/or a fresh PostgreSQL schema, and prints messages/second, the peak heap and the ratio
 * import/parse. Threading (the asynchronous listener of every new message) runs during the import,
 * as it does in the application; the time until it has caught up is printed too.
 *
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -Xmx2g -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     org.opportune.benchmark.ImportBenchmark --messages 100000 --db h2,postgres
 * </pre>
 *
 * Options: {@code --messages N} (100000), {@code --db h2,postgres}, {@code --dir target/benchmark},
 * {@code --pg-url jdbc:postgresql://127.0.0.1:5432/opportune_bench} (the database is created when
 * missing; each run uses a new schema and drops it afterwards, and a new data directory, deleted afterwards), {@code --pg-user postgres},
 * {@code --wait-minutes 120} (how long to wait for the listeners to catch up before reporting what is outstanding),
 * {@code --warm-up 20000}: before each measured import, this many messages (a corpus of their own) are imported into
 * a throwaway database, as the parse-only figure is measured after a warm-up parse: so both figures are of code the
 * JIT has compiled. 0 measures a cold import instead, which pays for compiling the import's code (about 10 CPU-seconds
 * on 2 cores) once, like the first import after the application starts.
 */
public final class ImportBenchmark {

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        var options = options(args);
        int messages = Integer.parseInt(options.getOrDefault("messages", "100000"));
        var dir = Path.of(options.getOrDefault("dir", "target/benchmark")).toAbsolutePath();
        var databases = List.of(options.getOrDefault("db", "h2,postgres").split(","));
        var pgUrl = options.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/opportune_bench");
        var pgUser = options.getOrDefault("pg-user", "postgres");
        var waitMinutes = Double.parseDouble(options.getOrDefault("wait-minutes", "120"));
        var warmUp = Integer.parseInt(options.getOrDefault("warm-up", "20000"));

        var mbox = corpus(dir, messages);
        System.out.printf(Locale.ROOT, "corpus: %s, %d messages, %.1f MB%n", mbox, messages, Files.size(mbox) / 1e6);
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MB, Java %s, load %.2f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        ParseOnly.parseMbox(mbox); // warm-up: the JIT, the same as the import's own first messages get
        // the median of three: one parse varies by a third from run to run on a 2-core virtual machine
        var parses = new ArrayList<Parse>();
        for (int i = 0; i < 3; i++) {
            parses.add(parse(mbox));
        }
        parses.sort(java.util.Comparator.comparingDouble(Parse::rate));
        var parse = parses.get(1);
        System.out.printf(Locale.ROOT, "parse-only: %d messages in %.1f s = %.0f msg/s (one thread; median of %.0f, %.0f, %.0f)%n",
                parse.count, parse.seconds, parse.rate(), parses.get(0).rate(), parses.get(1).rate(), parses.get(2).rate());

        for (var database : databases) {
            if (warmUp > 0) {
                var warm = importInto(database.strip(), dir, corpus(dir, warmUp), pgUrl, pgUser, 0);
                System.out.printf(Locale.ROOT, "%s warm-up import (throwaway database): %s in %.1f s%n", database,
                        warm.summary, warm.seconds);
            }
            var result = importInto(database.strip(), dir, mbox, pgUrl, pgUser, waitMinutes);
            var endToEnd = result.outstanding == 0
                    ? String.format(Locale.ROOT, "threading caught up after %.1f s (%.0f msg/s end to end)", result.threadedSeconds,
                            messages / result.threadedSeconds)
                    : String.format(Locale.ROOT, "threading NOT caught up after %.1f s: %d event publications outstanding",
                            result.threadedSeconds, result.outstanding);
            System.out.printf(Locale.ROOT, "%s import (%s): %s in %.1f s = %.0f msg/s, ratio to parse-only %.2f, peak heap %d MB; %s%n",
                    database, warmUp > 0 ? "after a warm-up import" : "cold", result.summary, result.seconds, messages / result.seconds, messages / result.seconds / parse.rate(),
                    result.peakHeap >> 20, endToEnd);
        }
        System.exit(0);
    }

    record Parse(int count, double seconds) {
        double rate() {
            return count / seconds;
        }
    }

    record Import(String summary, double seconds, long peakHeap, double threadedSeconds, long outstanding) {
    }

    private static Path corpus(Path dir, int messages) throws IOException {
        var mbox = dir.resolve("corpus-42-" + messages + ".mbox");
        if (Files.exists(mbox)) {
            return mbox;
        }
        Files.createDirectories(dir);
        var temp = dir.resolve("corpus.tmp");
        try (var out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
            MailCorpus.generate(42, messages, mail -> {
                try {
                    MailCorpus.writeMboxEntry(mail, out);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return Files.move(temp, mbox);
    }

    private static Parse parse(Path mbox) throws IOException {
        System.gc();
        var start = System.nanoTime();
        var count = ParseOnly.parseMbox(mbox);
        return new Parse(count, (System.nanoTime() - start) / 1e9);
    }

    private static Import importInto(String database, Path dir, Path mbox, String pgUrl, String pgUser, double waitMinutes)
            throws Exception {
        var dataDir = dir.resolve("data-" + database + "-" + UUID.randomUUID().toString().substring(0, 8));
        var properties = new LinkedHashMap<String, Object>();
        properties.put("opportune.data-dir", dataDir.toString());
        properties.put("logging.file.name", "");
        var profiles = new ArrayList<>(List.of("command"));
        String schema = null;
        if (database.equals("postgres")) {
            schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            createSchema(pgUrl, pgUser, schema);
            profiles.add("postgres");
            properties.put("spring.datasource.url", pgUrl + "?currentSchema=" + schema);
            properties.put("spring.datasource.username", pgUser);
        } else if (!database.equals("h2")) {
            throw new IllegalArgumentException("--db is h2 or postgres, not " + database);
        }
        var application = new SpringApplication(OpportuneApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles(profiles.toArray(String[]::new));
        // system properties, so that they win over the postgres profile's environment defaults
        properties.forEach((key, value) -> System.setProperty(key, value.toString()));
        try (var context = application.run()) {
            var importer = context.getBean(MailImporter.class);
            var backlog = context.getBean(PublicationBacklog.class);
            var peak = new HeapSampler();
            peak.start();
            System.out.printf("%s import starting%n", database);
            var cpu = new CpuMeter();
            var start = System.nanoTime();
            var summary = importer.importPaths(Actor.system(), "sales@bench.example", List.of(mbox), MailImporter.Progress.none());
            var seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s import, %s%n", database, cpu.since());
            var deadline = System.nanoTime() + (long) (waitMinutes * 60e9);
            var left = backlog.await(Duration.ofMinutes(2), outstanding -> {
                if (System.nanoTime() > deadline) {
                    Thread.currentThread().interrupt(); // makes await return at once with what is outstanding
                }
            });
            Thread.interrupted();
            var threaded = (System.nanoTime() - start) / 1e9;
            if (schema != null) {
                var jdbcClient = context.getBean(JdbcClient.class);
                while (System.nanoTime() < deadline && jdbcClient.sql("select count(*) from messages where search_vector is null")
                        .query(Long.class).single() > 0) {
                    Thread.sleep(100);
                }
                System.out.printf(Locale.ROOT, "search vectors filled after %.1f s%n", (System.nanoTime() - start) / 1e9);
            }
            peak.interrupt();
            var jdbc = context.getBean(JdbcClient.class);
            var stored = jdbc.sql("select count(*) from messages").query(Long.class).single();
            var inConversations = jdbc.sql("select count(*) from conversation_messages").query(Long.class).single();
            if (stored.longValue() != summary.newMessages() || (left == 0 && inConversations.longValue() != stored.longValue())) {
                System.out.printf("WARNING: %d stored, %d threaded, summary %s%n", stored, inConversations, summary.line());
            }
            return new Import(summary.line(), seconds, peak.peak.get(), threaded, left);
        } finally {
            properties.keySet().forEach(System::clearProperty);
            if (schema != null) {
                dropSchema(pgUrl, pgUser, schema);
            }
            // a run's blobs and H2 database (a quarter of a gigabyte for 100,000 messages) are not kept
            org.springframework.util.FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    /** Samples the used heap every 10 ms: the peak a heap size has to hold (GC'd garbage included). */
    private static final class HeapSampler extends Thread {
        final AtomicLong peak = new AtomicLong();

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static void createSchema(String url, String user, String schema) throws SQLException {
        var database = url.substring(url.lastIndexOf('/') + 1);
        var server = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (var connection = DriverManager.getConnection(server, user, "");
             var statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + database + "'").next();
            if (!exists) {
                statement.execute("create database " + database);
            }
        }
        try (var connection = DriverManager.getConnection(url, user, "");
             var statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        }
    }

    private static void dropSchema(String url, String user, String schema) throws SQLException {
        try (var connection = DriverManager.getConnection(url, user, "");
             var statement = connection.createStatement()) {
            statement.execute("drop schema " + schema + " cascade");
        }
    }

    private static Map<String, String> options(String[] args) {
        var options = new LinkedHashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value, not " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
