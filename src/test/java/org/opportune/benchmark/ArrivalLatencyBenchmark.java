package org.opportune.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.OpportuneApplication;
import org.opportune.mail.MailSecurity;
import org.opportune.mail.MailboxCommand;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;
import org.opportune.testing.DovecotServer;

import static org.awaitility.Awaitility.await;

/**
 * Arrival latency: a message appended to a real IMAP server (Dovecot) until it is stored in
 * Opportune, with the mailbox in IDLE. Prints p50, p95 and max over N messages (default 200).
 *
 * <p>Run: {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt} then
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.opportune.benchmark.ArrivalLatencyBenchmark 200}.
 * Uses an H2 file database in a temp directory; needs Debian's dovecot-imapd.
 */
public final class ArrivalLatencyBenchmark {

    private static final String PASSWORD = "latency-benchmark-pw";

    private ArrivalLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        var count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        var dovecot = new DovecotServer();
        dovecot.beforeAll(null);
        var dataDir = Files.createTempDirectory("opportune-latency-");
        var app = new SpringApplicationBuilder(OpportuneApplication.class)
                .properties("opportune.data-dir=" + dataDir, "server.port=0", "logging.level.root=warn",
                        "logging.file.name=")
                .run();
        try {
            dovecot.addUser("sales", PASSWORD);
            var mailboxes = app.getBean(MailboxService.class);
            var jdbc = app.getBean(JdbcClient.class);
            var mailbox = mailboxes.connect(Actor.system(), MailboxCommand.imap("Sales", "sales@latency.example",
                    dovecot.host(), dovecot.port(), MailSecurity.NONE, "sales", PASSWORD));
            await().atMost(Duration.ofSeconds(30)).until(() -> "IDLE".equals(mailboxes.overview(mailbox.id()).status().state()));

            var afterAppend = new ArrayList<Long>();
            var includingAppend = new ArrayList<Long>();
            for (int i = 0; i < count; i++) {
                var messageId = UUID.randomUUID() + "@latency.example";
                var start = System.nanoTime();
                dovecot.append("sales", PASSWORD, "INBOX", message(messageId, i));
                var appended = System.nanoTime();
                while (jdbc.sql("select count(*) from messages where message_id_header = :id")
                        .param("id", messageId).query(Long.class).single() == 0) {
                    Thread.sleep(2);
                    if (System.nanoTime() - appended > Duration.ofSeconds(30).toNanos()) {
                        throw new IllegalStateException("message " + i + " did not arrive within 30 s");
                    }
                }
                var visible = System.nanoTime();
                afterAppend.add(visible - appended);
                includingAppend.add(visible - start);
            }
            System.out.println("messages: " + count);
            System.out.println("appended -> stored:           " + summary(afterAppend));
            System.out.println("append started -> stored:     " + summary(includingAppend));
        } finally {
            app.close();
            dovecot.afterAll(null);
        }
    }

    private static String summary(List<Long> nanos) {
        var sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("p50 %d ms, p95 %d ms, max %d ms", ms(percentile(sorted, 50)), ms(percentile(sorted, 95)),
                ms(sorted.get(sorted.size() - 1)));
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static byte[] message(String messageId, int i) {
        return ("""
                From: Customer %d <customer%d@example.com>\r
                To: sales@latency.example\r
                Subject: Quote request %d\r
                Message-ID: <%s>\r
                Date: Fri, 27 Nov 2026 10:00:00 +0000\r
                Content-Type: text/plain; charset=UTF-8\r
                \r
                Could you send us a quote for 12 oak desks?\r
                """).formatted(i, i, i, messageId).getBytes(StandardCharsets.UTF_8);
    }
}
