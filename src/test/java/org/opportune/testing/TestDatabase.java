package org.opportune.testing;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Chooses the test database. Every application context gets its own: a uniquely named in-memory
 * H2 database, or a uniquely named schema on the PostgreSQL server, so tests never see each
 * other's data and a first-run test really starts empty.
 */
public class TestDatabase implements ActiveProfilesResolver, EnvironmentPostProcessor {

    public static boolean postgres() {
        return "postgres".equals(System.getProperty("opportune.test.database"));
    }

    @Override
    public String[] resolve(Class<?> testClass) {
        return postgres() ? new String[] {"test", "test-postgres"} : new String[] {"test"};
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles("test")) {
            return;
        }
        var name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        environment.getPropertySources().addFirst(new MapPropertySource("opportune-test-database", Map.of(
                "opportune.test.schema", name,
                "opportune.data-dir", "target/test-data/" + name)));
    }
}
