package org.opportune.benchmark;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.opportune.OpportuneApplication;

/**
 * Page latency on the workspace {@link WorkspaceGenerator} made: starts the application (real HTTP server,
 * {@code postgres} profile, against that database; Flyway brings it up to date first), signs in as a sales
 * rep and as a manager, and times each page over loopback: the inbox views, per mailbox, a conversation
 * page, the pipeline board, the review page (daily and weekly) and searches. Each page gets warm-up requests,
 * then {@code --requests} timed ones, one at a time; p50, p95 and max are client-side times on loopback
 * (request sent until the whole body is read), which is the server's time plus a loopback round trip.
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * org.opportune.benchmark.WorkspaceLatencyBenchmark [--pg-url jdbc:postgresql://127.0.0.1:5432/opportune_bench1m]
 * [--requests 200] [--warmup 30]}.
 *
 * <p>With {@code --serve SECONDS} it measures nothing: it starts the application on {@code --port} (18080),
 * signs in as the rep, writes the session cookie header to {@code --cookie-file} and stays up that long, for
 * a load generator ({@code src/test/benchmark/workspace-load.sh}).
 */
public final class WorkspaceLatencyBenchmark {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private WorkspaceLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        var url = option(args, "--pg-url", "jdbc:postgresql://127.0.0.1:5432/opportune_bench1m");
        var user = option(args, "--pg-user", "postgres");
        var requests = Integer.parseInt(option(args, "--requests", "200"));
        var warmup = Integer.parseInt(option(args, "--warmup", "30"));
        var serve = Integer.parseInt(option(args, "--serve", "0"));
        var port = serve > 0 ? option(args, "--port", "18080") : "0";
        var only = option(args, "--only", "");
        var dataDir = Files.createTempDirectory("opportune-bench-");
        // command-line arguments: they outrank application-postgres.yml's defaults
        var app = new SpringApplicationBuilder(OpportuneApplication.class)
                .profiles("postgres")
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                        "--spring.datasource.password=" + System.getenv().getOrDefault("PGPASSWORD", ""),
                        "--opportune.data-dir=" + dataDir, "--opportune.mail.sync.enabled=false", "--server.port=" + port,
                        "--server.address=127.0.0.1", "--logging.level.root=warn", "--logging.file.name=");
        try {
            var base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            var rep = Session.signIn(base, WorkspaceGenerator.USERNAMES.get(3));
            if (serve > 0) {
                var cookieFile = Path.of(option(args, "--cookie-file", "target/bench/cookie.txt"));
                Files.createDirectories(cookieFile.toAbsolutePath().getParent());
                Files.writeString(cookieFile, rep.cookieHeader() + "\n");
                System.out.println("serving on " + base + " for " + serve + " s; cookie in " + cookieFile);
                Thread.sleep(serve * 1000L);
                return;
            }
            var manager = Session.signIn(base, WorkspaceGenerator.USERNAMES.get(1));
            var pages = pages(app, rep, manager);
            var measured = pages.stream().filter(page -> only.isEmpty() || page.name().contains(only)).toList();
            // a first warm-up pass over every page, so that the first page measured does not pay for the JIT
            // compiling the whole application (20 warm-up requests of its own left it 3-5 times slower)
            for (var page : measured) {
                page.warm(warmup);
            }
            System.out.printf("%d timed requests per page after two rounds of %d warm-up requests, one at a time, loopback%n",
                    requests, warmup);
            System.out.println("| page | as | p50 ms | p95 ms | max ms | KB |");
            System.out.println("|---|---|---|---|---|---|");
            for (var page : measured) {
                page.measure(warmup, requests);
            }
        } finally {
            app.close();
        }
    }

    private static List<Page> pages(ConfigurableApplicationContext app, Session rep, Session manager) {
        var jdbc = app.getBean(JdbcClient.class);
        var openConversations = jdbc.sql("select id from conversations where status = 'open' order by md5(id::text) limit 100")
                .query(Long.class).list();
        var longThreads = jdbc.sql("select id from conversations where message_count = 30 order by md5(id::text) limit 20")
                .query(Long.class).list();
        var company = jdbc.sql("""
                select c.name from companies c where c.id = (
                  select company_id from conversation_customers group by company_id order by count(*) desc, company_id limit 1)""")
                .query(String.class).single();
        var sender = jdbc.sql("""
                select from_address from messages where id = (
                  select first_message_id from conversation_customers order by conversation_id desc limit 1)""")
                .query(String.class).single();
        var pages = new ArrayList<Page>();
        for (var view : List.of("unassigned", "mine", "waiting", "open", "archived")) {
            pages.add(new Page("inbox: " + view, rep, List.of("/inbox?view=" + view)));
        }
        for (var mailbox : List.of(1, 2, 3)) {
            pages.add(new Page("inbox: all open, mailbox " + mailbox, rep, List.of("/inbox?view=open&mailbox=" + mailbox)));
        }
        pages.add(new Page("inbox: unassigned, mailbox 3", rep, List.of("/inbox?view=unassigned&mailbox=3")));
        pages.add(new Page("conversation (100 random open ones)", rep,
                openConversations.stream().map(id -> "/conversations/" + id).toList()));
        pages.add(new Page("conversation (30-message threads)", rep,
                longThreads.stream().map(id -> "/conversations/" + id).toList()));
        pages.add(new Page("pipeline board", rep, List.of("/pipeline")));
        pages.add(new Page("pipeline board", manager, List.of("/pipeline")));
        pages.add(new Page("review daily", rep, List.of("/review?preset=daily")));
        pages.add(new Page("review weekly", rep, List.of("/review?preset=weekly")));
        pages.add(new Page("review daily", manager, List.of("/review?preset=daily")));
        pages.add(new Page("review weekly", manager, List.of("/review?preset=weekly")));
        for (var term : List.of("quote", company, sender, "installation")) {
            pages.add(new Page("search \"" + term + "\" (all open)", rep, List.of("/inbox?view=open&q=" + encode(term))));
        }
        pages.add(new Page("search \"quote\" (archived)", rep, List.of("/inbox?view=archived&q=quote")));
        return pages;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** One page, requested round-robin over its URLs. */
    private record Page(String name, Session session, List<String> paths) {

        void warm(int warmup) throws IOException, InterruptedException {
            for (int i = 0; i < warmup; i++) {
                session.get(paths.get(i % paths.size()));
            }
        }

        void measure(int warmup, int requests) throws IOException, InterruptedException {
            warm(warmup);
            var nanos = new long[requests];
            long bytes = 0;
            for (int i = 0; i < requests; i++) {
                var start = System.nanoTime();
                bytes += session.get(paths.get(i % paths.size()));
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf("| %s | %s | %.1f | %.1f | %.1f | %d |%n", name, session.username(), percentile(nanos, 50),
                    percentile(nanos, 95), nanos[nanos.length - 1] / 1e6, bytes / requests / 1024);
        }

        private static double percentile(long[] sorted, int p) {
            var index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }
    }

    /** A signed-in browser session: the session cookie, sent with every request. */
    record Session(String base, String username, HttpClient client, CookieManager cookies) {

        static Session signIn(String base, String username) throws IOException, InterruptedException {
            var cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
            var client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            var login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            var csrf = CSRF.matcher(login.body());
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token on the sign-in page");
            }
            var form = "username=" + username + "&password=" + encodeValue(WorkspaceGenerator.PASSWORD) + "&_csrf="
                    + encodeValue(csrf.group(1));
            var response = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            var location = response.headers().firstValue("Location").orElse("");
            if (response.statusCode() != 302 || location.contains("error")) {
                throw new IllegalStateException("sign-in as " + username + " failed: " + response.statusCode() + " " + location);
            }
            return new Session(base, username, client, cookies);
        }

        private static String encodeValue(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        /** Requests the page; fails unless it answers 200. Returns the body's length. */
        long get(String path) throws IOException, InterruptedException {
            var response = client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + " for " + username);
            }
            return response.body().length;
        }

        String cookieHeader() {
            return "Cookie: " + String.join("; ", cookies.getCookieStore().getCookies().stream()
                    .map(c -> c.getName() + "=" + c.getValue()).toList());
        }
    }
}
