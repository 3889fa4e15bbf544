package org.opportune.conversation;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.AopTestUtils;

import org.opportune.mail.MailboxService;
import org.opportune.mail.MessageReceived;
import org.opportune.testing.IntegrationTest;
import org.opportune.testing.MailCorpus;
import org.opportune.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measurement, not part of the suite (its name is no test's): how long the batch listener takes to
 * thread 10,000 generated messages (the import benchmark's corpus, seed 42) in batches of 250, called
 * directly on this thread, and how many JDBC statements it sends per message (a JDBC batch counts as one;
 * what listeners do synchronously in threading's transaction counts too, such as the live bus's NOTIFY per
 * threaded message on PostgreSQL). With {@code -Dtest.postgres} it runs on H2 and then on PostgreSQL.
 *
 * <pre>
 * mvn -q -B -ntp verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=BatchThreadingMeasurement \
 *     [-Dtest.postgres=true -Dopportune.test.pg.url=jdbc:postgresql://127.0.0.1:5432/DB -Dopportune.test.pg.user=postgres]
 * </pre>
 */
@IntegrationTest
@Import(BatchThreadingMeasurement.Counting.class)
class BatchThreadingMeasurement {

    private static final int MESSAGES = 10_000;
    private static final int BATCH = 250;

    @DynamicPropertySource
    static void multiRowInserts(DynamicPropertyRegistry registry) {
        if (TestDatabase.postgres()) {
            // as the postgres profile of the application has it
            registry.add("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", () -> "true");
        }
    }

    @Autowired
    ConversationThreading threadingBean;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    JdbcClient jdbc;

    @Test
    void threadsGeneratedMessagesInBatches() throws Exception {
        var mailboxId = mailboxes.ensureMailbox("sales@opportune.example").id();
        var mbox = Files.createTempFile("corpus", ".mbox");
        MailCorpus.writeMbox(MailCorpus.generate(42, MESSAGES), mbox);
        var facts = Mbox.read(mbox);
        Files.delete(mbox);
        var messages = new ArrayList<MessageReceived>();
        for (int i = 0; i < facts.size(); i++) {
            var f = facts.get(i);
            var from = f.participants().iterator().next();
            messages.add(new MessageReceived(1_000_000L + i, f.messageIdHeader(), f.inReplyTo(), f.references(), f.subject(),
                    from, null, List.copyOf(f.participants()), f.sentAt(), mailboxId));
        }
        ConversationThreading threading = AopTestUtils.getUltimateTargetObject(threadingBean);

        Counting.measuring = Thread.currentThread();
        var start = System.nanoTime();
        for (int from = 0; from < messages.size(); from += BATCH) {
            threading.threadBatch(messages.subList(from, Math.min(messages.size(), from + BATCH)));
        }
        var seconds = (System.nanoTime() - start) / 1e9;
        Counting.measuring = null;

        var threads = messages.stream().filter(m -> m.inReplyTo() == null).count();
        System.out.printf(Locale.ROOT, "batch threading of %d messages: %.2f s = %.0f msg/s; %.2f statements per message "
                        + "(%d statements, %d of them JDBC batches with %d rows)%n", messages.size(), seconds,
                messages.size() / seconds, (double) Counting.statements.get() / messages.size(), Counting.statements.get(),
                Counting.batches.get(), Counting.batchRows.get());
        assertThat(jdbc.sql("select count(*) from conversation_messages").query(Long.class).single()).isEqualTo(MESSAGES);
        assertThat(jdbc.sql("select count(*) from conversations").query(Long.class).single()).isEqualTo(threads);
    }

    /** Counts the statements sent on the measuring thread: executes, and JDBC batches with their rows. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {

        static volatile Thread measuring;
        static final AtomicLong statements = new AtomicLong();
        static final AtomicLong batches = new AtomicLong();
        static final AtomicLong batchRows = new AtomicLong();

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (!(bean instanceof DataSource dataSource)) {
                        return bean;
                    }
                    return new DelegatingDataSource(dataSource) {
                        @Override
                        public Connection getConnection() throws java.sql.SQLException {
                            return counting(super.getConnection(), Connection.class);
                        }
                    };
                }
            };
        }

        @SuppressWarnings("unchecked")
        private static <T> T counting(T target, Class<T> type) {
            InvocationHandler handler = (proxy, method, args) -> {
                var counted = Thread.currentThread() == measuring;
                var name = method.getName();
                if (counted && name.equals("executeBatch")) {
                    statements.incrementAndGet();
                    batches.incrementAndGet();
                } else if (counted && name.equals("addBatch")) {
                    batchRows.incrementAndGet();
                } else if (counted && name.startsWith("execute")) {
                    statements.incrementAndGet();
                }
                try {
                    var result = method.invoke(target, args);
                    if (result instanceof PreparedStatement statement && name.startsWith("prepare")) {
                        return counting(statement, PreparedStatement.class);
                    }
                    if (result instanceof Statement statement && name.equals("createStatement")) {
                        return counting(statement, Statement.class);
                    }
                    return result;
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
        }
    }
}
