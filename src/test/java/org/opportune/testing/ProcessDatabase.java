package org.opportune.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database of an application that runs in another JVM ({@link JarProcess}), chosen like
 * {@link TestDatabase} does: the H2 file database under the data directory by default, a fresh
 * schema on the PostgreSQL server when the build runs with {@code -Dtest.postgres}. It gives the
 * environment for the process and a {@link JdbcClient} for the test's own queries; every query opens
 * and closes its own connection, so the test never holds the H2 file while the application starts.
 */
public final class ProcessDatabase implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> environment;
    private final String url;
    private final String user;
    private final String password;
    private final String schema;

    private ProcessDatabase(Path dataDir, Map<String, String> environment, String url, String user, String password,
            String schema) {
        this.dataDir = dataDir;
        this.environment = environment;
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /** A new, empty database for an application whose data directory is {@code dataDir}. */
    public static ProcessDatabase create(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!TestDatabase.postgres()) {
            var url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db/opportune")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";
            return new ProcessDatabase(dataDir, Map.of("OPPORTUNE_DATA_DIR", dataDir.toAbsolutePath().toString()),
                    url, "sa", "", null);
        }
        var server = System.getProperty("opportune.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/opportune_test");
        var user = System.getProperty("opportune.test.pg.user", "postgres");
        var password = System.getProperty("opportune.test.pg.password", "");
        var schema = "p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (var connection = DriverManager.getConnection(server, user, password);
             var statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL was asked for (-Dtest.postgres) and is not reachable at " + server, e);
        }
        var url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new ProcessDatabase(dataDir, Map.of(
                "OPPORTUNE_DATA_DIR", dataDir.toAbsolutePath().toString(),
                "SPRING_PROFILES_ACTIVE", "postgres",
                "OPPORTUNE_DB_URL", url,
                "OPPORTUNE_DB_USER", user,
                "OPPORTUNE_DB_PASSWORD", password), url, user, password, schema);
    }

    public boolean postgres() {
        return schema != null;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The environment variables that point the application at this database and data directory. */
    public Map<String, String> environment() {
        return environment;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(new DriverManagerDataSource(url, user, password));
    }

    /** Event deliveries per listener and status, for a test's failure message: what was left undone, and why. */
    public String deliveries() {
        return jdbc().sql("""
                        select listener_id, status, count(*) as n from event_publication
                        where status is null or status <> 'COMPLETED' group by listener_id, status order by listener_id""")
                .query((rs, n) -> rs.getString("listener_id").replaceAll("\\(.*", "") + " " + rs.getString("status") + ": "
                        + rs.getLong("n"))
                .list().stream().reduce("deliveries not completed:", (a, b) -> a + "\n  " + b);
    }

    /**
     * The number a {@code select count(*) from …} query gives, counted row by row. After a process was killed,
     * H2 can answer a bare {@code count(*)} from the table's stored row count, and that count can be one off
     * after recovery (seen: {@code count(*)} 501 while the table held 500 rows and every one of them was
     * threaded); {@code sum(1)} reads the rows themselves, on both databases.
     */
    public long count(String sql) {
        var counted = sql.strip().replaceFirst("(?i)^select count\\(\\*\\) from ", "select coalesce(sum(1), 0) from ");
        return jdbc().sql(counted).query(Long.class).single();
    }

    /** Drops the PostgreSQL schema; the H2 file goes with the test's temporary directory. */
    @Override
    public void close() {
        if (schema == null) {
            return;
        }
        try (var connection = DriverManager.getConnection(url, user, password);
             var statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            // a leftover schema on the test server is harmless: every run uses a new name
        }
    }
}
