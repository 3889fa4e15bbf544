package org.opportune.web.live;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** PostgreSQL gets the bus that reaches every node; H2, the embedded one-node default, the in-process one. */
@Configuration(proxyBeanMethods = false)
class LiveBusConfig {

    @Bean
    LiveBus liveBus(DataSource dataSource, JdbcClient jdbc) throws SQLException {
        try (var connection = dataSource.getConnection()) {
            var product = connection.getMetaData().getDatabaseProductName();
            return "PostgreSQL".equalsIgnoreCase(product) ? new PostgresLiveBus(dataSource, jdbc) : new LocalLiveBus();
        }
    }
}
