package org.opportune.mail.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.OpportuneApplication;
import org.opportune.mail.IngestSource;
import org.opportune.mail.MailProperties;
import org.opportune.mail.MailboxService;
import org.opportune.testing.MailCorpus;

/**
 * A micro-measurement of an import's batch transaction alone ({@link BatchPersist} with its
 * {@link MessageStore} calls; a command, not a test, here for the package's internals): parses a generated corpus
 * first (not timed), then persists it in batches into a fresh PostgreSQL schema (or an H2 file database in a
 * temporary folder) and prints the time of each part, and the CPU the importing thread and the database's server
 * processes used for it (on a shared machine a steadier figure than the time). Events go nowhere, so no listener
 * competes for the cores; the blob keys are made up (no files are written).
 *
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     org.opportune.mail.internal.BatchTransactionBenchmark --messages 10000 --batch 250 \
 *     --pg-url jdbc:postgresql://127.0.0.1:5432/opportune_copy
 * </pre>
 *
 * {@code --db h2} measures H2 instead; {@code --copy no} JDBC batches instead of COPY on PostgreSQL (without
 * {@code --copy}: as the application does, through the store's Spring constructor); {@code --keep yes} keeps the
 * PostgreSQL schema to look at afterwards.
 */
public final class BatchTransactionBenchmark {

    private BatchTransactionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        var options = new LinkedHashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int messages = Integer.parseInt(options.getOrDefault("messages", "10000"));
        int batchSize = Integer.parseInt(options.getOrDefault("batch", "250"));
        var database = options.getOrDefault("db", "postgres");
        var pgUrl = options.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/opportune_copy");
        var pgUser = options.getOrDefault("pg-user", "postgres");

        var properties = new LinkedHashMap<String, String>();
        properties.put("opportune.data-dir", Files.createTempDirectory("batch-benchmark").toString());
        properties.put("logging.file.name", "");
        properties.put("opportune.mail.search-index.sweep-interval", "1h");
        var profiles = new ArrayList<>(List.of("command"));
        String schema = null;
        if (database.equals("postgres")) {
            schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (var connection = DriverManager.getConnection(pgUrl, pgUser, "")) {
                connection.createStatement().execute("create schema " + schema);
            }
            profiles.add("postgres");
            properties.put("spring.datasource.url", pgUrl + "?currentSchema=" + schema);
            properties.put("spring.datasource.username", pgUser);
        }
        properties.forEach(System::setProperty);
        var application = new SpringApplication(OpportuneApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setAdditionalProfiles(profiles.toArray(String[]::new));
        try (var context = application.run()) {
            var mailbox = context.getBean(MailboxService.class).ensureMailbox("bench@batch.example");
            var ingestions = parsed(messages, mailbox.id());
            var jdbcClient = context.getBean(JdbcClient.class);
            var namedJdbc = context.getBean(NamedParameterJdbcOperations.class);
            var timed = options.containsKey("copy")
                    ? new TimedStore(jdbcClient, namedJdbc, context.getBean(MessageStore.class).hasSearchVector(),
                            options.get("copy").equals("yes"))
                    : new TimedStore(jdbcClient, namedJdbc, context.getBean(DataSource.class));
            var persist = new BatchPersist(timed, new TransactionTemplate(context.getBean(PlatformTransactionManager.class)),
                    event -> { }, Clock.systemUTC());
            System.out.printf(Locale.ROOT, "%s (copy %s), %d messages in batches of %d, load %.2f%n", database,
                    options.getOrDefault("copy", "default"), messages, batchSize,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            var serverBefore = serverCpu(jdbcClient);
            timed.serverPids = serverPids(jdbcClient);
            var threads = ManagementFactory.getThreadMXBean();
            var cpuStart = threads.getCurrentThreadCpuTime();
            var start = System.nanoTime();
            for (int from = 0; from < ingestions.size(); from += batchSize) {
                persist.persist(ingestions.subList(from, Math.min(ingestions.size(), from + batchSize)));
            }
            var seconds = (System.nanoTime() - start) / 1e9;
            var javaCpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            var serverCpu = serverCpu(jdbcClient) - serverBefore;
            System.out.printf(Locale.ROOT, "batch transactions: %.2f s = %.3f ms a message = %.0f msg/s%n", seconds,
                    seconds * 1000 / messages, messages / seconds);
            System.out.printf(Locale.ROOT, "cpu: %.2f s on the importing thread, %.2f s in the database's server processes%n",
                    javaCpu, serverCpu);
            timed.nanos.forEach((part, nanos) -> System.out.printf(Locale.ROOT,
                    "  %-28s %.2f s (cpu: %.2f s importing thread, %.2f s server)%n", part, nanos / 1e9, timed.javaCpu.get(part),
                    timed.serverCpu.get(part)));
            System.out.printf(Locale.ROOT, "  %-28s %.2f s%n", "rest (commit, Java)",
                    seconds - timed.nanos.values().stream().mapToLong(Long::longValue).sum() / 1e9);
            System.out.printf(Locale.ROOT, "load after %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            properties.keySet().forEach(System::clearProperty);
            if (schema != null && !options.containsKey("keep")) {
                try (var connection = DriverManager.getConnection(pgUrl, pgUser, "")) {
                    connection.createStatement().execute("drop schema " + schema + " cascade");
                }
            }
        }
        System.exit(0);
    }

    /** Seconds of CPU the server processes of this database have used so far (PostgreSQL on this machine; 0 for H2). */
    private static double serverCpu(JdbcClient jdbc) {
        return cpuSeconds(serverPids(jdbc));
    }

    private static List<Integer> serverPids(JdbcClient jdbc) {
        try {
            return jdbc.sql("select pid from pg_stat_activity where datname = current_database()").query(Integer.class).list();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static double cpuSeconds(List<Integer> pids) {
        double ticks = 0;
        for (var pid : pids) {
            try {
                var stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException e) {
                // ended meanwhile
            }
        }
        return ticks / 100;
    }

    /** The corpus parsed as ingestion's prepare steps leave it, with made-up blob keys. */
    private static List<Ingestion> parsed(int count, long mailboxId) throws Exception {
        var parser = new MessageParser(MailProperties.defaults());
        var receivedAt = Instant.now();
        var ingestions = new ArrayList<Ingestion>(count);
        int n = 0;
        for (var mail : MailCorpus.generate(42, count)) {
            var ingestion = new Ingestion(IngestSource.imported(mailboxId, "bench.mbox#" + n++), mail.raw(), receivedAt);
            ingestion.parsed = parser.parse(mail.raw(), receivedAt);
            ingestion.rawBlobKey = Hashes.sha256(mail.raw());
            for (var attachment : ingestion.parsed.attachments()) {
                ingestion.attachmentBlobKeys.add(Hashes.sha256(attachment.content()));
            }
            ingestions.add(ingestion);
        }
        return ingestions;
    }

    /** The store, timing each of the batch's calls. */
    private static final class TimedStore extends MessageStore {

        final Map<String, Long> nanos = new LinkedHashMap<>();
        final Map<String, Double> javaCpu = new LinkedHashMap<>();
        final Map<String, Double> serverCpu = new LinkedHashMap<>();
        List<Integer> serverPids = List.of();

        TimedStore(JdbcClient jdbc, NamedParameterJdbcOperations batch, DataSource dataSource) {
            super(jdbc, batch, dataSource);
        }

        TimedStore(JdbcClient jdbc, NamedParameterJdbcOperations batch, boolean postgres, boolean copy) {
            super(jdbc, batch, postgres, copy);
        }

        private <T> T time(String part, Supplier<T> call) {
            var threads = ManagementFactory.getThreadMXBean();
            var server = cpuSeconds(serverPids);
            var java = threads.getCurrentThreadCpuTime();
            var start = System.nanoTime();
            try {
                return call.get();
            } finally {
                nanos.merge(part, System.nanoTime() - start, Long::sum);
                javaCpu.merge(part, (threads.getCurrentThreadCpuTime() - java) / 1e9, Double::sum);
                serverCpu.merge(part, cpuSeconds(serverPids) - server, Double::sum);
            }
        }

        @Override
        Map<String, Long> findByDedupeKeys(Collection<String> dedupeKeys) {
            return time("dedupe lookup", () -> super.findByDedupeKeys(dedupeKeys));
        }

        @Override
        Map<String, Long> insertMessages(List<Ingestion> ingestions) {
            return time("message rows", () -> super.insertMessages(ingestions));
        }

        @Override
        void insertAddressesAndAttachments(List<Ingestion> ingestions, Map<String, Long> ids) {
            time("addresses and attachments", () -> {
                super.insertAddressesAndAttachments(ingestions, ids);
                return null;
            });
        }

        @Override
        void link(List<Link> links, Instant linkedAt) {
            time("mailbox links", () -> {
                super.link(links, linkedAt);
                return null;
            });
        }
    }
}
