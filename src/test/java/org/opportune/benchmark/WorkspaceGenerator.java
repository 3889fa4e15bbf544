package org.opportune.benchmark;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import org.opportune.activity.ActivityChainAccess;
import org.opportune.activity.ActivityEntry;

/**
 * Fills a PostgreSQL database with a workspace at scale: by default 1,000,000 messages in 200,000
 * conversations, 50,000 opportunities and 30 users, with everything the inbox, conversation page, pipeline
 * board and review page read (addresses and participants, mailbox links, triage, companies, contacts and
 * conversation customers, stage history, tasks, notes, a valid activity chain).
 *
 * <p>The database is dropped and created again, migrated by Flyway with the application's own migrations,
 * then filled with set-based SQL ({@code generate_series}) and COPY: not through ingestion. Values come
 * from a hash of each row's id, so two runs produce the same workspace (relative to the time they ran).
 *
 * <p>Run: {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * org.opportune.benchmark.WorkspaceGenerator [--pg-url jdbc:postgresql://127.0.0.1:5432/opportune_bench1m]
 * [--pg-user postgres] [--messages 1000000] [--conversations 200000] [--opportunities 50000]}.
 * Every user's password is {@value #PASSWORD}; see {@link #USERNAMES} for who is who.
 */
public final class WorkspaceGenerator {

    static final String PASSWORD = "bench-password-1";

    /** Index 0 is user 1 (admin), 1–2 managers, 3–27 reps, 28–29 read-only. */
    static final List<String> USERNAMES = List.of("admin", "maria", "jonas", "anna", "ben", "clara", "david", "emma",
            "felix", "greta", "hugo", "ines", "jan", "katrin", "lukas", "mia", "nils", "olga", "paul", "rosa", "sven",
            "tina", "uwe", "vera", "willi", "xenia", "yusuf", "zoe", "viewer1", "viewer2");

    private static final String[] FIRST = {"Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hugo", "Ines",
            "Jan", "Katrin", "Lukas", "Mia", "Nils", "Olga", "Paul", "Rosa", "Sven", "Tina", "Uwe", "Vera", "Willi",
            "Xenia", "Yusuf", "Zoe", "Maria", "Jonas", "Lena", "Tom", "Priya"};
    private static final String[] LAST = {"Berger", "Schmidt", "Dubois", "Garcia", "Rossi", "Novak", "Jensen",
            "Kowalski", "Silva", "Meyer", "Fischer", "Martin", "Lopez", "Bianchi", "Horvat", "Larsen", "Nowak",
            "Costa", "Wagner", "Becker", "Moreau", "Sanchez", "Ricci", "Kovac", "Nielsen", "Zielinski", "Santos",
            "Wolf", "Klein", "Roux"};

    private WorkspaceGenerator() {
    }

    public static void main(String[] args) throws Exception {
        var url = option(args, "--pg-url", "jdbc:postgresql://127.0.0.1:5432/opportune_bench1m");
        var user = option(args, "--pg-user", "postgres");
        var password = option(args, "--pg-password", System.getenv().getOrDefault("PGPASSWORD", ""));
        var messages = Integer.parseInt(option(args, "--messages", "1000000"));
        var conversations = Integer.parseInt(option(args, "--conversations", "200000"));
        var opportunities = Integer.parseInt(option(args, "--opportunities", "50000"));
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var started = System.nanoTime();

        recreate(url, user, password);
        Flyway.configure().dataSource(url, user, password)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql").load().migrate();
        step(started, "migrated");
        try (var db = DriverManager.getConnection(url, user, password)) {
            var generator = new Run(db, now, started);
            generator.fill(messages, conversations, opportunities);
        }
        step(started, "done");
    }

    private static void recreate(String url, String user, String password) throws SQLException {
        var name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        if (!name.matches("[a-z0-9_]+") || name.equals("opportune_test")) {
            throw new IllegalArgumentException("refusing database name " + name);
        }
        var admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (var db = DriverManager.getConnection(admin, user, password); var st = db.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
            st.execute("create database " + name);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    static void step(long started, String what) {
        System.out.printf("%7.1f s  %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    /** Thread sizes 1–30, falling off like a power law, summing to exactly {@code messages} over {@code conversations}. */
    static int[] threadSizes(int messages, int conversations, long seed) {
        double mean = (double) messages / conversations;
        if (mean < 1 || mean > 30) {
            throw new IllegalArgumentException("messages per conversation must be between 1 and 30");
        }
        double low = 0, high = 10;
        for (int i = 0; i < 100; i++) {
            double a = (low + high) / 2;
            if (meanOf(a) > mean) {
                low = a;
            } else {
                high = a;
            }
        }
        double a = (low + high) / 2;
        double norm = 0;
        for (int s = 1; s <= 30; s++) {
            norm += Math.pow(s, -a);
        }
        var counts = new long[31];
        long convs = 0;
        long msgs = 0;
        for (int s = 2; s <= 30; s++) {
            counts[s] = Math.round(conversations * Math.pow(s, -a) / norm);
            convs += counts[s];
            msgs += s * counts[s];
        }
        counts[1] = conversations - convs;
        msgs += counts[1];
        long diff = messages - msgs;
        while (diff != 0) {
            if (diff > 0 && counts[1] > 0) {
                counts[1]--;
                counts[2]++;
                diff--;
            } else if (diff < 0 && counts[2] > 0) {
                counts[2]--;
                counts[1]++;
                diff++;
            } else {
                throw new IllegalStateException("cannot balance thread sizes");
            }
        }
        var sizes = new ArrayList<Integer>(conversations);
        for (int s = 1; s <= 30; s++) {
            for (long i = 0; i < counts[s]; i++) {
                sizes.add(s);
            }
        }
        Collections.shuffle(sizes, new Random(seed));
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double meanOf(double a) {
        double norm = 0;
        double sum = 0;
        for (int s = 1; s <= 30; s++) {
            norm += Math.pow(s, -a);
            sum += s * Math.pow(s, -a);
        }
        return sum / norm;
    }

    private static final class Run {

        private final Connection db;
        private final String now;
        private final Instant nowInstant;
        private final long started;

        Run(Connection db, Instant now, long started) {
            this.db = db;
            this.now = "timestamptz '" + now + "'";
            this.nowInstant = now;
            this.started = started;
        }

        void fill(int messages, int conversations, int opportunities) throws Exception {
            sql("""
                    create function bench_r(i bigint, salt int) returns float8 language sql immutable parallel safe as
                    $$ select (hashint8(i * 1009 + salt) & 2147483647)::float8 / 2147483648.0 $$""");
            sql("""
                    create function bench_pick(a text[], x float8) returns text language sql immutable parallel safe as
                    $$ select a[1 + floor(x * array_length(a, 1))::int] $$""");
            usersAndMailboxes();
            var companies = Math.max(10, conversations / 10);
            customers(companies);
            conversationPlan(messages, conversations, companies * 3);
            messages();
            conversations();
            opportunities(opportunities);
            tasksAndNotes();
            activity();
            finish();
        }

        private void usersAndMailboxes() throws SQLException {
            var hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(PASSWORD);
            for (int i = 0; i < USERNAMES.size(); i++) {
                var role = i == 0 ? "ADMIN" : i <= 2 ? "MANAGER" : i <= 27 ? "REP" : "VIEWER";
                var name = USERNAMES.get(i);
                var display = i == 0 ? "Admin" : i >= 28 ? "Viewer " + (i - 27)
                        : Character.toUpperCase(name.charAt(0)) + name.substring(1) + " " + LAST[i];
                sql("""
                        insert into users (id, username, display_name, email, password_hash, role, active, created_at)
                        values (%d, '%s', '%s', '%s@ourco.example', '%s', '%s', true, %s - interval '800 days')"""
                        .formatted(i + 1, name, display, name, hash, role, now));
            }
            sql("""
                    insert into mailboxes (id, name, address, folders, sync_enabled, created_at) values
                      (1, 'Sales', 'sales@ourco.example', 'INBOX', false, %1$s - interval '800 days'),
                      (2, 'Info', 'info@ourco.example', 'INBOX', false, %1$s - interval '800 days'),
                      (3, 'Support', 'support@ourco.example', 'INBOX', false, %1$s - interval '800 days')"""
                    .formatted(now));
            step(started, "users and mailboxes");
        }

        private void customers(int companies) throws SQLException {
            sql("""
                    insert into companies (id, name, address, notes, relationship, created_at)
                    select i,
                      bench_pick(array['Bright', 'North', 'Blue', 'Iron', 'Silver', 'Green', 'Alpine', 'Harbor', 'Summit',
                        'Oak', 'Falcon', 'Cedar', 'Delta', 'Nova', 'Atlas', 'Apex', 'Crown', 'Eagle', 'Granite', 'Lake'],
                        ((i - 1) %% 20) / 20.0)
                      || bench_pick(array['field', 'wind', 'stone', 'bridge', 'gate', 'port', 'ridge', 'wood', 'line', 'point'],
                        (((i - 1) / 20) %% 10) / 10.0)
                      || ' ' || bench_pick(array['Logistics', 'Trading', 'Engineering', 'Foods', 'Retail', 'Systems',
                        'Manufacturing', 'Supplies', 'Warehousing', 'Industries'], (((i - 1) / 200) %% 10) / 10.0)
                      || case when i > 2000 then ' ' || ((i - 1) / 2000) else '' end
                      || bench_pick(array[' GmbH', ' Ltd', ' SA', ' BV', ' AG', ''], bench_r(i, 11)),
                      bench_pick(array['Hamburg', 'Munich', 'Lyon', 'Madrid', 'Vienna', 'Zurich', 'Rotterdam', 'Milan',
                        'Leeds', 'Porto'], bench_r(i, 12)),
                      '', case when bench_r(i, 13) < 0.6 then 'customer' when bench_r(i, 13) < 0.9 then 'prospect'
                        else 'supplier' end,
                      %s - interval '900 days' + bench_r(i, 14) * interval '100 days'
                    from generate_series(1, %d) i""".formatted(now, companies));
            sql("""
                    insert into company_domains (domain, company_id)
                    select regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g') || '-' || id || '.example', id from companies""");
            sql("""
                    insert into contacts (id, name, phone, company_id, source, relationship, created_at)
                    select c.i, f.first || ' ' || f.last, '+49 40 ' || (100000 + c.i), (c.i - 1) / 3 + 1,
                      'mailbox:sales@ourco.example', 'customer', %s - interval '900 days'
                    from generate_series(1, %d) c(i)
                    cross join lateral (select (%s)[1 + (c.i %% 30)::int] as first,
                                               (%s)[1 + ((c.i * 7 + c.i / 30) %% 30)::int] as last) f"""
                    .formatted(now, companies * 3, array(FIRST), array(LAST)));
            sql("""
                    insert into contact_emails (address, contact_id)
                    select lower(split_part(c.name, ' ', 1)) || '.' || lower(split_part(c.name, ' ', 2)) || '@' || d.domain, c.id
                    from contacts c join company_domains d on d.company_id = c.company_id""");
            step(started, "companies " + companies + ", contacts " + companies * 3);
        }

        private void conversationPlan(int messages, int conversations, int contacts) throws Exception {
            sql("create unlogged table bench_sizes (id bigint primary key, size int not null, first_msg bigint not null)");
            var sizes = threadSizes(messages, conversations, 42);
            var copy = new StringBuilder();
            long first = 1;
            for (int i = 0; i < sizes.length; i++) {
                copy.append(i + 1).append('\t').append(sizes[i]).append('\t').append(first).append('\n');
                first += sizes[i];
            }
            ((PGConnection) db.unwrap(PGConnection.class)).getCopyAPI()
                    .copyIn("copy bench_sizes from stdin", new StringReader(copy.toString()));
            // age: most conversations are old (archived long ago), a few are from the last days
            sql("""
                    create unlogged table bench_c as
                    select s.id, s.size, s.first_msg, x.contact_id, (x.contact_id - 1) / 3 + 1 as company_id,
                      case when bench_r(s.id, 2) < 0.6 then 1 when bench_r(s.id, 2) < 0.9 then 2 else 3 end as mailbox_id,
                      x.category, x.age_days, %s - x.age_days * interval '1 day' as last_at,
                      interval '30 minutes' + bench_r(s.id, 5) * interval '2 days' as gap,
                      bench_pick(array['forklift', 'pallet racking', 'conveyor belt', 'barcode scanner', 'label printer',
                        'shelving system', 'loading ramp', 'stretch wrapper', 'packing table', 'hand truck',
                        'warehouse software', 'cold storage unit', 'dock leveller', 'safety barrier', 'mezzanine floor'],
                        bench_r(s.id, 6)) as product
                    from bench_sizes s
                    cross join lateral (select 1 + floor(power(bench_r(s.id, 1), 1.3) * %d)::bigint as contact_id,
                      case when bench_r(s.id, 3) < 0.30 then 'buying_signal' when bench_r(s.id, 3) < 0.50 then 'support'
                        when bench_r(s.id, 3) < 0.60 then 'supplier' when bench_r(s.id, 3) < 0.78 then 'bulk'
                        when bench_r(s.id, 3) < 0.86 then 'auto_reply' when bench_r(s.id, 3) < 0.93 then 'internal'
                        else 'other' end as category,
                      730 * power(bench_r(s.id, 4), 1.5) as age_days) x""".formatted(now, contacts));
            // the open ones: most of the last week, some of the last month, a few older ones nobody closed
            sql("""
                    alter table bench_c add column status varchar(12), add column owner_id bigint, add column subject varchar(1000),
                      add column email varchar(320), add column contact_name varchar(200), add column city varchar(40)""");
            sql("""
                    update bench_c c set
                      status = case when (c.age_days < 7 and bench_r(c.id, 7) > 0.2) or (c.age_days < 30 and bench_r(c.id, 7) > 0.6)
                        or bench_r(c.id, 7) > 0.97 then 'open' else 'archived' end,
                      subject = case c.category
                        when 'buying_signal' then bench_pick(array['Quote request for', 'Pricing for', 'Availability of',
                          'Demo of', 'Proposal for', 'Order of'], bench_r(c.id, 8)) || ' ' || c.product
                          || ' (' || (5 + floor(bench_r(c.id, 9) * 200)::int) || ' units)'
                        when 'support' then bench_pick(array['Problem with', 'Question about', 'Repair of', 'Manual for',
                          'Spare parts for'], bench_r(c.id, 8)) || ' ' || c.product
                        when 'supplier' then 'Invoice ' || (10000 + c.id) || ' for ' || c.product
                        when 'bulk' then 'Newsletter: ' || bench_pick(array['Spring offers', 'Trade fair news', 'New catalogue',
                          'Webinar invitation', 'Price list update'], bench_r(c.id, 8))
                        when 'auto_reply' then 'Automatic reply: ' || bench_pick(array['Out of office', 'We received your message',
                          'Absent until Monday'], bench_r(c.id, 8))
                        when 'internal' then 'Internal: ' || bench_pick(array['stock count', 'holiday plan', 'price list',
                          'trade fair stand'], bench_r(c.id, 8))
                        else bench_pick(array['Hello', 'Meeting next week', 'Your visit', 'Contact details'], bench_r(c.id, 8)) end,
                      email = e.address, contact_name = ct.name,
                      city = bench_pick(array['Hamburg', 'Munich', 'Lyon', 'Madrid', 'Vienna', 'Zurich', 'Rotterdam', 'Milan',
                        'Leeds', 'Porto'], bench_r(c.id, 10))
                    from contacts ct join contact_emails e on e.contact_id = ct.id
                    where ct.id = c.contact_id""");
            // owners spread unevenly over the managers and reps (users 2–28); a third of open ones unassigned
            sql("""
                    update bench_c set owner_id = case
                      when status = 'open' and bench_r(id, 15) < 0.35 then null
                      when status = 'archived' and bench_r(id, 15) < 0.10 then null
                      else 2 + floor(27 * power(bench_r(id, 16), 1.5))::int end""");
            sql("alter table bench_c add primary key (id)");
            sql("analyze bench_c");
            step(started, "conversation plan " + conversations);
        }

        private void messages() throws SQLException {
            sql("""
                    create unlogged table bench_m as
                    select c.first_msg + k as id, c.id as conv, k, c.size,
                      (c.category in ('bulk', 'auto_reply') or k = 0 or ((k %% 2 = 0) <> (bench_r(c.first_msg + k, 6) < 0.15))) as inbound,
                      c.last_at - (c.size - 1 - k) * c.gap as sent_at
                    from bench_c c, generate_series(0, c.size - 1) k""".formatted());
            sql("alter table bench_m add primary key (id)");
            sql("analyze bench_m");
            var sentence = """
                    bench_pick(array[
                      'We are looking for a new %%p for our site in %%c.',
                      'Could you send us a quote for %%n units of the %%p?',
                      'What is the delivery time for the %%p to %%c?',
                      'Our budget for this project is around %%v EUR.',
                      'Is the %%p available from stock?',
                      'We had a problem with the %%p you delivered last month.',
                      'Please call me back when you have a moment.',
                      'Can you offer a discount for a larger order?',
                      'We would like to see a demo next week.',
                      'The reference number is %%n.',
                      'Our warehouse manager has a few questions about installation.',
                      'Does the price include delivery and assembly?',
                      'We need the %%p before the end of the quarter.',
                      'A colleague recommended your company to us.',
                      'Attached you will find our requirements.',
                      'Thank you for the quick answer.',
                      'Could you also include maintenance for two years?',
                      'The old %%p broke down yesterday.'], bench_r(m.id, %d))""";
            var reply = """
                    bench_pick(array[
                      'Thank you for your message about the %%p.',
                      'Please find our offer for %%n units attached.',
                      'Delivery to %%c takes about three weeks.',
                      'I have asked our technician to call you tomorrow.',
                      'The price includes delivery and assembly.',
                      'We can offer a discount of five percent for this order.',
                      'Would Tuesday at ten work for a demo?',
                      'The spare parts are on their way.'], bench_r(m.id, %d))""";
            sql("""
                    insert into messages (id, message_id_header, dedupe_key, raw_blob_key, raw_size, subject, from_address,
                      from_name, sent_at, received_at, in_reply_to, references_text, text_body, html_body, has_attachments,
                      search_vector)
                    select x.*, mail_search_vector(x.subject, x.from_name, x.from_address, x.text_body) from (
                    select m.id, 'm' || m.id || '.c' || m.conv || '@bench.example', md5('d' || m.id) || md5('e' || m.id),
                      md5('r' || m.id) || md5('s' || m.id), 1500 + length(b.body) * 2,
                      case when m.k = 0 then c.subject else 'Re: ' || c.subject end,
                      case when m.inbound then c.email else bench_pick(array['sales@ourco.example', 'info@ourco.example',
                        'support@ourco.example'], (c.mailbox_id - 1) / 3.0) end,
                      case when m.inbound then c.contact_name else 'Team at Sales' end,
                      m.sent_at, m.sent_at + interval '5 seconds',
                      case when m.k > 0 then 'm' || (m.id - 1) || '.c' || m.conv || '@bench.example' end,
                      case when m.k > 0 then '<m' || c.first_msg || '.c' || m.conv || '@bench.example> <m' || (m.id - 1) || '.c'
                        || m.conv || '@bench.example>' end,
                      b.body,
                      case when bench_r(m.id, 40) < 0.4 then '<html><body><p>' || replace(b.body, E'\\n', '<br>')
                        || '</p></body></html>' end,
                      bench_r(m.id, 41) < 0.08
                    from bench_m m join bench_c c on c.id = m.conv
                    cross join lateral (select replace(replace(replace(replace(
                      case when m.inbound then
                        'Hello,' || E'\\n\\n' || %s || ' ' || %s || ' ' || %s || E'\\n\\nBest regards,\\n' || c.contact_name
                      else
                        'Dear ' || split_part(c.contact_name, ' ', 1) || ',' || E'\\n\\n' || %s || ' ' || %s
                          || E'\\n\\nKind regards,\\nTeam at Sales' end
                      || case when m.k > 0 then E'\\n\\nOn an earlier date you wrote:\\n> Thank you.' else '' end,
                      '%%p', c.product), '%%c', c.city), '%%n', (5 + floor(bench_r(m.id, 42) * 900)::int)::text),
                      '%%v', (1000 * (5 + floor(bench_r(m.id, 43) * 200)::int))::text) as body) b
                    ) as x (id, message_id_header, dedupe_key, raw_blob_key, raw_size, subject, from_address, from_name,
                      sent_at, received_at, in_reply_to, references_text, text_body, html_body, has_attachments)"""
                    .formatted(sentence.formatted(30), sentence.formatted(31), sentence.formatted(32),
                            reply.formatted(33), reply.formatted(34)).replace("%%", "%"));
            step(started, "messages");
            sql("""
                    insert into message_addresses (message_id, kind, position, address, name)
                    select id, 'FROM', 0, from_address, from_name from messages""");
            sql("""
                    insert into message_addresses (message_id, kind, position, address, name)
                    select m.id, 'TO', 0, case when m.inbound then mb.address else c.email end,
                      case when m.inbound then mb.name else c.contact_name end
                    from bench_m m join bench_c c on c.id = m.conv join mailboxes mb on mb.id = c.mailbox_id""");
            sql("""
                    insert into message_mailboxes (message_id, mailbox_id, folder, uid_validity, uid, origin, linked_at)
                    select m.id, c.mailbox_id, case when m.inbound then 'INBOX' else 'Sent' end, 1, m.id,
                      'imap:' || case when m.inbound then 'INBOX' else 'Sent' end || '/' || m.id, m.sent_at + interval '5 seconds'
                    from bench_m m join bench_c c on c.id = m.conv""");
            sql("""
                    insert into attachments (message_id, position, file_name, content_type, size, blob_key, inline)
                    select id, 0, 'offer-' || id || '.pdf', 'application/pdf', 20000 + id %% 50000, md5('a' || id) || md5('b' || id), false
                    from messages where has_attachments""".replace("%%", "%"));
            sql("""
                    insert into message_triage (message_id, category, confidence, explanation, matched_rules, classified_at)
                    select m.id, t.category, 0.85, 'matched: ''' || t.category || ''' phrases', 'default', m.sent_at + interval '6 seconds'
                    from bench_m m join bench_c c on c.id = m.conv
                    cross join lateral (select case when m.inbound then c.category else 'internal' end as category) t""");
            step(started, "addresses, mailbox links, attachments, triage");
        }

        private void conversations() throws SQLException {
            sql("""
                    insert into conversations (id, subject, base_subject, first_message_at, last_message_at, message_count,
                      created_at, version, owner_id, status, archived_at, last_inbound_at, last_outbound_at, waiting_on_us, category)
                    select c.id, c.subject, lower(c.subject), a.first_at, a.last_at, c.size, a.first_at, 0, c.owner_id, c.status,
                      case when c.status = 'archived' then least(%s, a.last_at + interval '1 day') end,
                      a.last_in, a.last_out, a.last_inbound, c.category
                    from bench_c c join (
                      select conv, min(sent_at) as first_at, max(sent_at) as last_at,
                        max(sent_at) filter (where inbound) as last_in, max(sent_at) filter (where not inbound) as last_out,
                        bool_or(inbound and k = size - 1) as last_inbound
                      from bench_m group by conv) a on a.conv = c.id""".formatted(now));
            sql("""
                    insert into conversation_messages (message_id, conversation_id, message_id_header, subject, sent_at, mailbox_id, from_address)
                    select m.id, m.conv, x.message_id_header, x.subject, x.sent_at, c.mailbox_id, x.from_address
                    from bench_m m join bench_c c on c.id = m.conv join messages x on x.id = m.id""");
            sql("""
                    insert into conversation_mailboxes (conversation_id, mailbox_id, status, owner_id, waiting_on_us, category,
                      last_message_at)
                    select c.id, x.mailbox_id, c.status, c.owner_id, c.waiting_on_us, c.category, c.last_message_at
                    from (select distinct conversation_id, mailbox_id from conversation_messages) x
                    join conversations c on c.id = x.conversation_id""");
            sql("""
                    insert into conversation_message_participants (message_id, address)
                    select message_id, address from message_addresses""");
            sql("""
                    insert into thread_references (message_id_header, conversation_id)
                    select message_id_header, conversation_id from conversation_messages""");
            sql("""
                    insert into conversation_message_categories (message_id, category, rank)
                    select message_id, category, array_position(array['buying_signal', 'support', 'supplier', 'other', 'internal',
                      'auto_reply', 'bulk']::varchar[], category) - 1
                    from message_triage""");
            sql("""
                    insert into conversation_customers (conversation_id, contact_id, company_id, subject, last_message_at,
                      first_message_id, linked_at)
                    select c.id, c.contact_id, c.company_id, c.subject, v.last_message_at, c.first_msg, v.first_message_at
                    from bench_c c join conversations v on v.id = c.id""");
            step(started, "conversations, mailboxes, participants, references, categories, customers");
        }

        private void opportunities(int count) throws SQLException {
            sql("""
                    create unlogged table bench_o as
                    select row_number() over (order by bench_r(c.id, 20)) as id, c.id as conv, c.owner_id as conv_owner,
                      c.company_id, c.contact_id, c.subject, c.mailbox_id, c.age_days, v.first_message_at, v.last_message_at
                    from bench_c c join conversations v on v.id = c.id
                    where c.category = 'buying_signal'
                    order by bench_r(c.id, 20) limit %d""".formatted(count));
            sql("""
                    alter table bench_o add column outcome varchar(8), add column stage_index int, add column owner_id bigint,
                      add column closed_at timestamptz, add column updated_at timestamptz""");
            sql("""
                    update bench_o set
                      outcome = case when age_days < 120 and bench_r(id, 21) < 0.75 then null
                        when bench_r(id, 22) < 0.35 then 'won' else 'lost' end,
                      stage_index = case when bench_r(id, 23) < 0.30 then 0 when bench_r(id, 23) < 0.55 then 1
                        when bench_r(id, 23) < 0.75 then 2 when bench_r(id, 23) < 0.90 then 3 else 4 end,
                      owner_id = case when bench_r(id, 24) < 0.06 then null when conv_owner is not null then conv_owner
                        else 2 + floor(27 * power(bench_r(id, 25), 1.5))::int end""");
            sql("""
                    update bench_o set
                      owner_id = coalesce(owner_id, 2 + floor(27 * bench_r(id, 25))::int),
                      closed_at = least(%1$s, last_message_at + (1 + bench_r(id, 26) * 20) * interval '1 day')
                    where outcome is not null""".formatted(now));
            sql("""
                    update bench_o set updated_at = case when outcome is not null then closed_at
                      else greatest(first_message_at + interval '1 hour', %s - bench_r(id, 27) * interval '45 days') end"""
                    .formatted(now));
            sql("""
                    insert into opportunities (id, title, description, company_id, contact_id, value_amount, currency, source,
                      source_detail, owner_id, stage_key, next_action, next_action_due, expected_close, probability, outcome,
                      lost_reason, outcome_note, closed_at, created_at, created_by, updated_at, version)
                    select o.id, left(o.subject, 200), null, o.company_id, o.contact_id,
                      round((500 + power(bench_r(o.id, 28), 2) * 150000)::numeric, -1),
                      case when bench_r(o.id, 29) < 0.8 then 'EUR' when bench_r(o.id, 29) < 0.95 then 'USD' else 'GBP' end,
                      'mailbox', mb.address, o.owner_id, s.stage_key,
                      case when o.outcome is null then bench_pick(array['Call to discuss the quote', 'Send the revised proposal',
                        'Book the demo with their warehouse manager', 'Confirm the delivery date', 'Follow up on the signed order',
                        'Send the maintenance contract'], bench_r(o.id, 30)) end,
                      case when o.outcome is null then current_date + (-10 + floor(bench_r(o.id, 31) * 40)::int) end,
                      case when o.outcome is null then current_date + (20 + floor(bench_r(o.id, 32) * 60)::int) end,
                      s.default_probability, o.outcome,
                      case when o.outcome = 'lost' then bench_pick(array['price', 'competitor', 'no_budget', 'no_decision', 'timing',
                        'unresponsive'], bench_r(o.id, 33)) end,
                      case when o.outcome is not null then '' end,
                      o.closed_at, o.first_message_at + interval '1 hour', o.owner_id, o.updated_at, 1
                    from bench_o o join mailboxes mb on mb.id = o.mailbox_id
                    join pipeline_stages s on s.stage_key = case when o.outcome is not null then o.outcome
                      else (array['new_lead', 'qualified', 'proposal_sent', 'waiting_on_customer', 'negotiation'])[o.stage_index + 1] end""");
            sql("""
                    insert into opportunity_conversations (opportunity_id, conversation_id, linked_at, linked_by)
                    select id, conv, first_message_at + interval '1 hour', owner_id from bench_o""");
            // the stages each one went through, evenly spaced from creation to its last change
            sql("""
                    insert into opportunity_stage_history (opportunity_id, stage_key, entered_at, left_at, entered_by, entered_by_name)
                    select o.id, p.path[j + 1],
                      o.first_message_at + interval '1 hour' + (o.updated_at - o.first_message_at - interval '1 hour') * j / greatest(p.n, 1),
                      case when j < p.n then o.first_message_at + interval '1 hour'
                        + (o.updated_at - o.first_message_at - interval '1 hour') * (j + 1) / greatest(p.n, 1) end,
                      o.owner_id, coalesce(u.username, 'system')
                    from bench_o o
                    cross join lateral (select case
                      when o.outcome = 'won' then array['new_lead', 'qualified', 'proposal_sent', 'negotiation', 'won']
                      when o.outcome = 'lost' then array['new_lead', 'qualified', 'lost']
                      else (array['new_lead', 'qualified', 'proposal_sent', 'waiting_on_customer', 'negotiation'])[1:o.stage_index + 1]
                      end as path) q
                    cross join lateral (select q.path, array_length(q.path, 1) - 1 as n) p
                    cross join lateral generate_series(0, p.n) j
                    left join users u on u.id = o.owner_id""");
            step(started, "opportunities " + count + ", links, stage history");
        }

        private void tasksAndNotes() throws SQLException {
            sql("""
                    insert into tasks (title, notes, kind, status, due_date, due_zone, overdue_at, remind_at, assignee_id, created_by,
                      created_at, updated_at, completed_at, completed_by, opportunity_id, company_id, contact_id, version)
                    select o.next_action, null, 'next_action', 'open', o.next_action_due, 'Europe/Berlin',
                      (o.next_action_due + 1)::timestamp at time zone 'Europe/Berlin', o.next_action_due::timestamp at time zone 'Europe/Berlin',
                      o.owner_id, o.owner_id, o.updated_at, o.updated_at, null, null, o.id, o.company_id, o.contact_id, 0
                    from opportunities o where o.outcome is null and o.owner_id is not null""");
            sql("""
                    insert into tasks (title, notes, kind, status, due_date, due_zone, overdue_at, remind_at, assignee_id, created_by,
                      created_at, updated_at, completed_at, completed_by, opportunity_id, company_id, contact_id, version)
                    select 'Follow up after the offer', null, 'follow_up', 'done', (o.closed_at - interval '3 days')::date, 'Europe/Berlin',
                      ((o.closed_at - interval '2 days')::date)::timestamp at time zone 'Europe/Berlin',
                      ((o.closed_at - interval '3 days')::date)::timestamp at time zone 'Europe/Berlin',
                      o.owner_id, o.owner_id, o.created_at, o.closed_at, o.closed_at - interval '3 days', o.owner_id, o.id,
                      o.company_id, o.contact_id, 1
                    from opportunities o where o.outcome is not null""");
            sql("""
                    insert into tasks (title, notes, kind, status, due_date, due_zone, overdue_at, remind_at, assignee_id, created_by,
                      created_at, updated_at, conversation_id, version)
                    select 'Call back about ' || left(c.subject, 150), null, 'call', 'open', d.due, 'Europe/Berlin',
                      (d.due + 1)::timestamp at time zone 'Europe/Berlin', d.due::timestamp at time zone 'Europe/Berlin',
                      c.owner_id, c.owner_id, c.last_message_at, c.last_message_at, c.id, 0
                    from conversations c
                    cross join lateral (select current_date + (-5 + floor(bench_r(c.id, 50) * 20)::int) as due) d
                    where c.status = 'open' and c.owner_id is not null and bench_r(c.id, 51) < 0.3""");
            sql("""
                    insert into conversation_notes (conversation_id, author_id, author_name, body, mentions, created_at)
                    select c.id, u.id, u.username,
                      bench_pick(array['Spoke to them on the phone, they want a decision this month.',
                        'Existing customer, be generous with the delivery date.', 'Checked stock: two left in the warehouse.',
                        'They also asked about maintenance, see the last message.'], bench_r(c.id, 52)),
                      '', c.last_message_at + interval '2 hours'
                    from conversations c join users u on u.id = 2 + floor(bench_r(c.id, 53) * 27)::int
                    where bench_r(c.id, 54) < 0.15""");
            step(started, "tasks and notes");
        }

        /** A valid chain: the same entries the application would have written, hashed in order of time. */
        private void activity() throws Exception {
            sql("""
                    create unlogged table bench_a as
                    select c.first_message_at + interval '1 hour' as at, c.owner_id as actor_id, u.username as actor_name,
                      'conversation.claimed' as action, 'conversation' as subject_type, c.id::text as subject_id,
                      '{"owner":"nobody"}' as before_json, '{"owner":"' || u.username || '"}' as after_json
                    from conversations c join users u on u.id = c.owner_id
                    union all
                    select c.archived_at, coalesce(c.owner_id, 1), coalesce(u.username, 'admin'), 'conversation.archived',
                      'conversation', c.id::text, '{"status":"open"}', '{"status":"archived"}'
                    from conversations c left join users u on u.id = c.owner_id where c.status = 'archived'
                    union all
                    select o.created_at, o.owner_id, u.username, 'opportunity.created', 'opportunity', o.id::text, '{}',
                      '{"stage":"new_lead","title":"' || replace(o.title, '"', '') || '"}'
                    from opportunities o join users u on u.id = o.owner_id
                    union all
                    select o.closed_at, o.owner_id, u.username, 'opportunity.' || o.outcome, 'opportunity', o.id::text,
                      '{"stage":"negotiation"}', '{"stage":"' || o.outcome || '"}'
                    from opportunities o join users u on u.id = o.owner_id where o.outcome is not null""");
            var copy = ((PGConnection) db.unwrap(PGConnection.class)).getCopyAPI();
            var prev = ActivityChainAccess.genesis();
            long id = 0;
            var batch = new StringBuilder();
            db.setAutoCommit(false);
            try (var st = db.createStatement()) {
                st.setFetchSize(10_000);
                try (var rs = st.executeQuery("""
                        select at, actor_id, actor_name, action, subject_type, subject_id, before_json, after_json
                        from bench_a order by at, subject_id""")) {
                    while (rs.next()) {
                        id++;
                        var at = rs.getObject(1, java.time.OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.MICROS);
                        var entry = new ActivityEntry(id, at, rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), "127.0.0.1", prev, "");
                        var hash = ActivityChainAccess.hash(entry);
                        batch.append(id).append('\t').append(at).append('\t').append(entry.actorId()).append('\t')
                                .append(entry.actorName()).append('\t').append(entry.action()).append('\t')
                                .append(entry.subjectType()).append('\t').append(entry.subjectId()).append('\t')
                                .append(copyText(entry.beforeJson())).append('\t').append(copyText(entry.afterJson()))
                                .append('\t').append(entry.origin()).append('\t').append(prev).append('\t').append(hash)
                                .append('\n');
                        prev = hash;
                        if (batch.length() > 8_000_000) {
                            copyActivity(copy, batch);
                        }
                    }
                }
            }
            copyActivity(copy, batch);
            db.commit();
            db.setAutoCommit(true);
            sql("update activity_chain_head set last_id = %d, last_hash = '%s' where id = 1".formatted(id, prev));
            step(started, "activity entries " + id);
        }

        private static String copyText(String value) {
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
        }

        private static void copyActivity(org.postgresql.copy.CopyManager copy, StringBuilder batch) throws Exception {
            copy.copyIn("""
                    copy activity_entries (id, occurred_at, actor_id, actor_name, action, subject_type, subject_id, before_json,
                      after_json, origin, prev_hash, hash) from stdin""", new StringReader(batch.toString()));
            batch.setLength(0);
        }

        private void finish() throws SQLException {
            for (var table : List.of("users", "mailboxes", "messages", "conversations", "companies", "contacts", "opportunities")) {
                sql("select setval(pg_get_serial_sequence('%1$s', 'id'), (select max(id) from %1$s))".formatted(table));
            }
            sql("drop table bench_a, bench_o, bench_m, bench_c, bench_sizes");
            sql("drop function bench_r, bench_pick");
            sql("vacuum analyze");
            step(started, "analyzed (generated at " + nowInstant + ")");
        }

        private void sql(String statement) throws SQLException {
            try (var st = db.createStatement()) {
                st.execute(statement);
            } catch (SQLException e) {
                throw new SQLException(e.getMessage() + "\nin: " + statement, e);
            }
        }
    }

    private static String array(String[] values) {
        return "array[" + String.join(", ", java.util.Arrays.stream(values).map(v -> "'" + v + "'").toList()) + "]";
    }
}
