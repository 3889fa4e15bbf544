package org.opportune.web.live;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The bus between app nodes: a message goes out when its transaction commits, never when it rolls back. */
@IntegrationTest
class LiveBusIntegrationTests {

    @Autowired
    LiveBus bus;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aMessageReachesTheOtherNodeOnlyWhenItsTransactionCommits() throws Exception {
        try (var other = SecondNode.start(bus, dataSource, jdbc)) {
            List<String> heard = new CopyOnWriteArrayList<>();
            other.bus().subscribe("test.commit", heard::add);
            var template = new TransactionTemplate(transactions);

            template.executeWithoutResult(status -> {
                bus.publish("test.commit", "rolled back");
                status.setRollbackOnly();
            });
            template.executeWithoutResult(status -> {
                bus.publish("test.commit", "committed");
                assertThat(heard).as("nothing goes out before the commit").isEmpty();
            });
            bus.publish("test.commit", "outside a transaction");

            await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() >= 2);
            assertThat(heard).containsExactly("committed", "outside a transaction");
        }
    }

    @Test
    void badTopicsAndOversizedMessagesAreRefused() {
        assertThatThrownBy(() -> bus.publish("no spaces", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bus.publish("inbox", "x".repeat(LiveBus.MAX_DATA_BYTES + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachSchemaHasItsOwnChannelSoTwoInstallationsInOneDatabaseNeverHearEachOther() {
        assertThat(PostgresLiveBus.channelFor("public")).isEqualTo("opportune_live");
        assertThat(PostgresLiveBus.channelFor("t_0123abcd")).isEqualTo("opportune_live_t_0123abcd");
        assertThat(PostgresLiveBus.channelFor("Sales-EU")).isEqualTo("opportune_live_sales_eu");
    }
}
