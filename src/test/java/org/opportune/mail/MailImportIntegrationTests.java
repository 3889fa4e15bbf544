package org.opportune.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import org.opportune.activity.ActivityEntry;
import org.opportune.activity.ActivityFilter;
import org.opportune.activity.ActivityService;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.mail.IngestResult.Outcome;
import org.opportune.mail.internal.Hostile;
import org.opportune.shared.Actor;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;
import org.opportune.testing.RecordedEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
@Import(RecordedEvents.class)
class MailImportIntegrationTests {

    static final Path CORPORA = Path.of("../shared/corpora");
    static final Path HOSTILE = Path.of("src/test/resources/mail/hostile");
    static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    ImportCommand importCommand;

    @Autowired
    MailIngestion ingestion;

    @Autowired
    MailImporter importer;

    @Autowired
    MailMessages messages;

    @Autowired
    MailQuarantine quarantine;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    IdentityService identity;

    @Autowired
    RecordedEvents events;

    @Autowired
    ActivityService activity;

    @TempDir
    Path temp;

    @Test
    void importPrintsTheSummaryAsItsLastLineAndASecondRunFindsOnlyDuplicates() throws IOException {
        var folder = Files.createDirectories(temp.resolve("mail"));
        for (int i = 1; i <= 3; i++) {
            Files.write(folder.resolve("message-" + i + ".eml"), uniqueMessage("eml " + i));
        }
        Files.write(Files.createDirectories(folder.resolve("copies")).resolve("message-1-again.eml"),
                Files.readAllBytes(folder.resolve("message-1.eml")));
        Files.write(folder.resolve("archive.mbox"), mbox(uniqueMessage("mbox 1"), uniqueMessage("mbox 2"),
                uniqueMessage("mbox 3"), uniqueMessage("mbox 4")));
        Files.write(folder.resolve("huge-header.eml"), Hostile.hugeHeader(1024 * 1024));
        Files.writeString(folder.resolve("notes.xml"), "<not>mail</not>");
        var mailbox = "import-" + shortId() + "@demo.example";

        var first = run("import", "--mailbox", mailbox, folder.toString());
        var second = run("import", "--mailbox", mailbox, folder.toString());

        assertThat(first.exitCode()).isZero();
        assertThat(first.lastLine()).isEqualTo("imported 7 new, 1 duplicate, 1 quarantined");
        assertThat(first.err()).contains("skipped 1 files that are not mail");
        assertThat(second.exitCode()).isZero();
        assertThat(second.lastLine()).isEqualTo("imported 0 new, 8 duplicate, 1 quarantined");
        var mailboxId = mailboxes.findByAddress(mailbox).orElseThrow().id();
        assertThat(messages.messageIdsInMailbox(mailboxId)).hasSize(7);
        assertThat(quarantine.messages()).filteredOn(q -> q.mailboxAddress().equals(mailbox)).singleElement()
                .satisfies(q -> assertThat(q.reason()).startsWith("unparseable MIME"));
    }

    @Test
    void usageErrorsExitWithTwoAndAClearMessage() {
        var noMailbox = run("import", temp.toString());
        var badMailbox = run("import", "--mailbox", "not an address", temp.toString());
        var missingPath = run("import", "--mailbox", "sales@demo.example", temp.resolve("nope").toString());

        assertThat(noMailbox.exitCode()).isEqualTo(2);
        assertThat(noMailbox.err()).contains("--mailbox ADDRESS");
        assertThat(badMailbox.exitCode()).isEqualTo(2);
        assertThat(badMailbox.err()).contains("is not a mailbox address");
        assertThat(missingPath.exitCode()).isEqualTo(2);
        assertThat(missingPath.err()).contains("No such file or directory");
    }

    @Test
    void theSameMessageForSalesAndInfoIsStoredOnceAndLinkedToBoth() {
        var sales = mailboxes.ensureMailbox("sales-" + shortId() + "@demo.example");
        var info = mailboxes.ensureMailbox("info-" + shortId() + "@demo.example");
        var body = "From: buyer@customer.example\r\nTo: " + sales.address() + ", " + info.address()
                + "\r\nSubject: Quote for 40 units\r\nMessage-ID: <quote-" + shortId() + "@customer.example>\r\n"
                + "Date: Mon, 2 Mar 2026 10:00:00 +0000\r\n\r\nPlease send a quote.\r\n";

        var toSales = ingestion.ingest(IngestSource.imap(sales.id(), "INBOX", 1, 10), delivered(sales.address(), body));
        var toInfo = ingestion.ingest(IngestSource.imap(info.id(), "INBOX", 7, 99), delivered(info.address(), body));
        var refetch = ingestion.ingest(IngestSource.imap(sales.id(), "INBOX", 1, 10), delivered(sales.address(), body));

        assertThat(toSales.outcome()).isEqualTo(Outcome.NEW);
        assertThat(toInfo.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(toInfo.messageId()).isEqualTo(toSales.messageId());
        assertThat(refetch.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(messages.message(toSales.messageId()).orElseThrow().mailboxIds()).containsExactlyInAnyOrder(sales.id(), info.id());
        assertThat(events.receivedFor(toSales.messageId())).singleElement()
                .satisfies(event -> {
                    assertThat(event.mailboxId()).isEqualTo(sales.id());
                    assertThat(event.subject()).isEqualTo("Quote for 40 units");
                    assertThat(event.participants()).contains("buyer@customer.example", sales.address(), info.address());
                });
    }

    @Test
    void twoNodesIngestingTheSameMessageAtOnceStoreItOnce() throws Exception {
        var sales = mailboxes.ensureMailbox("race-a-" + shortId() + "@demo.example");
        var info = mailboxes.ensureMailbox("race-b-" + shortId() + "@demo.example");
        var raw = ("From: a@example.com\r\nSubject: race\r\nMessage-ID: <race-" + shortId() + "@example.com>\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        var executor = Executors.newFixedThreadPool(2);
        try {
            Future<IngestResult> one = executor.submit(() -> ingestion.ingest(IngestSource.imported(sales.id(), "a"), raw));
            Future<IngestResult> two = executor.submit(() -> ingestion.ingest(IngestSource.imported(info.id(), "b"), raw));

            var outcomes = List.of(one.get().outcome(), two.get().outcome());

            assertThat(outcomes).containsExactlyInAnyOrder(Outcome.NEW, Outcome.DUPLICATE);
            assertThat(one.get().messageId()).isEqualTo(two.get().messageId());
            assertThat(events.receivedFor(one.get().messageId())).hasSize(1);
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void aBatchStoresARepeatOnceAndQuarantinesABadMessageWithoutFailingTheOthers() {
        var mailbox = mailboxes.ensureMailbox("batch-" + shortId() + "@demo.example");
        var a = uniqueMessage("batch a");
        var b = uniqueMessage("batch b");
        var c = uniqueMessage("batch c");
        var aDeliveredAgain = delivered(mailbox.address(), new String(a, StandardCharsets.US_ASCII));

        var results = ingestion.ingestAll(List.of(incoming(mailbox, a), incoming(mailbox, b), incoming(mailbox, aDeliveredAgain),
                incoming(mailbox, Hostile.hugeHeader(1024 * 1024)), incoming(mailbox, c), incoming(mailbox, b)));

        assertThat(results).extracting(IngestResult::outcome).containsExactly(Outcome.NEW, Outcome.NEW, Outcome.DUPLICATE,
                Outcome.QUARANTINED, Outcome.NEW, Outcome.DUPLICATE);
        assertThat(results.get(2).messageId()).isEqualTo(results.get(0).messageId());
        assertThat(results.get(5).messageId()).isEqualTo(results.get(1).messageId());
        assertThat(messages.messageIdsInMailbox(mailbox.id())).containsExactlyInAnyOrder(results.get(0).messageId(),
                results.get(1).messageId(), results.get(4).messageId());
        assertThat(events.receivedFor(results.get(0).messageId())).hasSize(1);
        assertThat(quarantine.messages()).filteredOn(q -> q.mailboxAddress().equals(mailbox.address())).singleElement()
                .satisfies(q -> assertThat(q.reason()).startsWith("unparseable MIME"));
    }

    @Test
    void searchFindsAMessageStoredAloneAtOnceAndOneOfABatchSoonAfter() {
        var mailbox = mailboxes.ensureMailbox("search-" + shortId() + "@demo.example");
        var alone = "alone" + shortId().replace("-", "");
        var batched = "batched" + shortId().replace("-", "");

        var single = ingestion.ingest(IngestSource.imported(mailbox.id(), "single"), uniqueMessage("Offer " + alone));
        var batch = ingestion.ingestAll(List.of(incoming(mailbox, uniqueMessage("Order " + batched)),
                incoming(mailbox, uniqueMessage("Other news"))));

        assertThat(messages.search(alone, 10)).containsExactly(single.messageId());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(messages.search(batched, 10)).containsExactly(batch.get(0).messageId()));
    }

    @Test
    void aBatchOnlyLinksMessagesStoredBeforeAndKeepsTheirAttachments() {
        var sales = mailboxes.ensureMailbox("batch-sales-" + shortId() + "@demo.example");
        var info = mailboxes.ensureMailbox("batch-info-" + shortId() + "@demo.example");
        var mails = org.opportune.testing.MailCorpus.generate(System.nanoTime(), 120);
        var first = ingestion.ingest(IngestSource.imported(sales.id(), "single"), mails.get(0).raw());

        var toSales = ingestion.ingestAll(mails.stream().map(m -> new IncomingMessage(IngestSource.imported(sales.id(), "batch"), m.raw())).toList());
        var toInfo = ingestion.ingestAll(mails.stream().map(m -> new IncomingMessage(IngestSource.imported(info.id(), "batch"), m.raw())).toList());

        assertThat(toSales.get(0)).isEqualTo(new IngestResult(Outcome.DUPLICATE, first.messageId(), null));
        assertThat(toSales.subList(1, 120)).allMatch(r -> r.outcome() == Outcome.NEW);
        assertThat(toInfo).allMatch(r -> r.outcome() == Outcome.DUPLICATE);
        assertThat(toInfo).extracting(IngestResult::messageId).isEqualTo(toSales.stream().map(IngestResult::messageId).toList());
        assertThat(messages.messageIdsInMailbox(sales.id())).hasSize(120);
        assertThat(messages.messageIdsInMailbox(info.id())).hasSize(120);
        for (int i = 0; i < mails.size(); i++) {
            var stored = messages.message(toSales.get(i).messageId()).orElseThrow();
            assertThat(stored.messageIdHeader()).isEqualTo(mails.get(i).messageId());
            assertThat(stored.mailboxIds()).containsExactlyInAnyOrder(sales.id(), info.id());
            for (var attachment : stored.attachments()) {
                try (var content = messages.attachmentContent(attachment.id())) {
                    assertThat(content.readAllBytes()).hasSize((int) attachment.size());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        assertThat(toSales).allSatisfy(r -> assertThat(events.receivedFor(r.messageId())).hasSize(1));
    }

    @Test
    void aBatchRacingSingleIngestsOfTheSameMessagesStoresEachOnce() throws Exception {
        var sales = mailboxes.ensureMailbox("batch-race-a-" + shortId() + "@demo.example");
        var info = mailboxes.ensureMailbox("batch-race-b-" + shortId() + "@demo.example");
        var mails = org.opportune.testing.MailCorpus.generate(System.nanoTime(), 300);
        var executor = Executors.newFixedThreadPool(2);
        try {
            Future<List<IngestResult>> batch = executor.submit(() -> ingestion.ingestAll(mails.stream()
                    .map(m -> new IncomingMessage(IngestSource.imported(sales.id(), "batch"), m.raw())).toList()));
            Future<List<IngestResult>> singles = executor.submit(() -> mails.stream()
                    .map(m -> ingestion.ingest(IngestSource.imported(info.id(), "single"), m.raw())).toList());

            var fromBatch = batch.get();
            var fromSingles = singles.get();

            assertThat(fromBatch).extracting(IngestResult::messageId)
                    .isEqualTo(fromSingles.stream().map(IngestResult::messageId).toList());
            for (int i = 0; i < mails.size(); i++) {
                assertThat(List.of(fromBatch.get(i).outcome(), fromSingles.get(i).outcome()))
                        .containsExactlyInAnyOrder(Outcome.NEW, Outcome.DUPLICATE);
                assertThat(events.receivedFor(fromBatch.get(i).messageId())).hasSize(1);
            }
            assertThat(messages.messageIdsInMailbox(sales.id())).hasSize(300);
            assertThat(messages.messageIdsInMailbox(info.id())).hasSize(300);
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void storesHostileMessagesWithTheirContentAndWithoutNuls() throws IOException {
        var mailbox = mailboxes.ensureMailbox("hostile-" + shortId() + "@demo.example");

        var nul = ingest(mailbox, Files.readAllBytes(HOSTILE.resolve("nul-bytes.eml")));
        var traversal = ingest(mailbox, Files.readAllBytes(HOSTILE.resolve("traversal-names.eml")));
        var sameIdA = ingest(mailbox, Files.readAllBytes(HOSTILE.resolve("duplicate-id-a.eml")));
        var sameIdB = ingest(mailbox, Files.readAllBytes(HOSTILE.resolve("duplicate-id-b.eml")));
        var big = ingest(mailbox, Hostile.bigAttachment(25 * 1024 * 1024));
        var parts = ingest(mailbox, Hostile.manyParts(5000));
        var nested = ingest(mailbox, Hostile.nested(200));

        assertThat(List.of(nul, traversal, sameIdA, sameIdB, big, parts, nested)).allMatch(r -> r.outcome() == Outcome.NEW);
        assertThat(message(nul).subject()).isEqualTo("Nul in subject");
        assertThat(message(nul).textBody()).doesNotContain("\0");
        assertThat(message(traversal).attachments()).extracting(AttachmentView::fileName).contains("passwd", "evil.dll");
        assertThat(sameIdA.messageId()).isNotEqualTo(sameIdB.messageId());
        var attachment = message(big).attachments().get(0);
        assertThat(attachment.size()).isEqualTo(25 * 1024 * 1024);
        try (var content = messages.attachmentContent(attachment.id())) {
            assertThat(content.readAllBytes()).hasSize(25 * 1024 * 1024);
        }
        assertThat(message(parts).parseProblems()).anyMatch(p -> p.contains("only the first 1000"));
        assertThat(message(nested).parseProblems()).anyMatch(p -> p.startsWith("MIME nesting deeper"));
        try (var raw = messages.raw(nul.messageId())) {
            assertThat(raw.readAllBytes()).isEqualTo(Files.readAllBytes(HOSTILE.resolve("nul-bytes.eml")));
        }
    }

    @Test
    void everyCorpusMessageIsStoredOrQuarantinedAndNoneIsLost() throws IOException {
        var folder = CORPORA.resolve("mime-edge");
        var expected = Hostile.corpusMessages(folder).size();
        var mailbox = "corpus-" + shortId() + "@demo.example";

        var summary = importer.importPaths(Actor.system(), mailbox, List.of(folder), MailImporter.Progress.none());

        assertThat(summary.read()).isEqualTo(expected);
        assertThat(summary.newMessages()).isGreaterThan(expected / 2);
        var mailboxId = mailboxes.findByAddress(mailbox).orElseThrow().id();
        var linked = messages.messageIdsInMailbox(mailboxId).size();
        assertThat(linked).isBetween(summary.newMessages(), summary.newMessages() + summary.duplicates());
        var parked = quarantine.messages().stream().filter(q -> q.mailboxAddress().equals(mailbox)).count();
        assertThat(parked).isBetween(summary.quarantined() > 0 ? 1L : 0L, (long) summary.quarantined());
    }

    @Test
    void theStoredContentOfAMessageIsWhatParsingItsRawBytesAgainGives() throws IOException {
        // triage reads what ingestion stored instead of parsing every message a second time
        var mailbox = "contents-" + shortId() + "@demo.example";
        importer.importPaths(Actor.system(), mailbox, List.of(CORPORA.resolve("mime-edge"), HOSTILE), MailImporter.Progress.none());
        var ids = messages.messageIdsInMailbox(mailboxes.findByAddress(mailbox).orElseThrow().id());

        var contents = messages.contents(ids);

        assertThat(ids).hasSizeGreaterThan(250);
        assertThat(contents.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        for (var id : ids) {
            try (var raw = messages.raw(id)) {
                assertThat(contents.get(id)).as("message %d", id).isEqualTo(messages.parse(raw.readAllBytes()));
            }
        }
    }

    @Test
    void anAdminListsDownloadsAndRetriesQuarantinedMessages() {
        var admin = signedInAdmin();
        var mailbox = mailboxes.ensureMailbox("quarantine-" + shortId() + "@demo.example");
        var good = ("From: a@example.com\r\nSubject: parked\r\nMessage-ID: <parked-" + shortId() + "@example.com>\r\n\r\nok\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        var parked = quarantine.quarantine(IngestSource.imported(mailbox.id(), "upload:parked.eml"), good, "fetch was cut off");
        var bad = ingestion.ingest(IngestSource.imported(mailbox.id(), "upload:huge.eml"), Hostile.hugeHeader(1024 * 1024));
        var badId = quarantine.messages().stream().filter(q -> q.origin().equals("upload:huge.eml")).findFirst().orElseThrow().id();

        var list = admin.get("/admin/mail/quarantine");
        var download = admin.get("/admin/mail/quarantine/" + parked + "/raw");
        var retried = admin.post("/admin/mail/quarantine/" + parked + "/retry", Map.of());
        admin.get("/admin/mail/quarantine");
        var retriedBad = admin.post("/admin/mail/quarantine/" + badId + "/retry", Map.of());

        assertThat(bad.outcome()).isEqualTo(Outcome.QUARANTINED);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("fetch was cut off", "upload:parked.eml", mailbox.address(), "unparseable MIME");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("message/rfc822"));
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"quarantined-" + parked + ".eml\"");
        assertThat(download.body()).isEqualTo(new String(good, StandardCharsets.US_ASCII));
        assertThat(retried.statusCode()).isEqualTo(302);
        var parkedNow = quarantine.message(parked);
        assertThat(parkedNow.status()).isEqualTo("RETRIED");
        assertThat(messages.message(parkedNow.resolvedMessageId()).orElseThrow().subject()).isEqualTo("parked");
        assertThat(retriedBad.statusCode()).isEqualTo(302);
        assertThat(quarantine.message(badId).status()).isEqualTo("OPEN");
    }

    @Test
    void anAdminDismissesAQuarantinedMessageWithAReasonAndCanUndoIt() throws IOException {
        var admin = signedInAdmin();
        var mailbox = "dismiss-" + shortId() + "@demo.example";
        var file = temp.resolve("huge.eml");
        Files.write(file, Hostile.hugeHeader(1024 * 1024));
        run("import", "--mailbox", mailbox, file.toString());
        var id = quarantine.messages().stream().filter(q -> q.mailboxAddress().equals(mailbox)).findFirst().orElseThrow().id();
        var openBefore = quarantine.openCount();
        admin.get("/admin/mail/quarantine");

        var blank = admin.post("/admin/mail/quarantine/" + id + "/dismiss", Map.of("reason", "  "));
        var dismissed = admin.post("/admin/mail/quarantine/" + id + "/dismiss", Map.of("reason", "spam from a broken list"));
        var list = admin.get("/admin/mail/quarantine");
        var reimport = run("import", "--mailbox", mailbox, file.toString());
        var afterReimport = quarantine.message(id);
        var openAfter = quarantine.openCount();
        var download = admin.get("/admin/mail/quarantine/" + id + "/raw");
        admin.get("/admin/mail/quarantine");
        var undone = admin.post("/admin/mail/quarantine/" + id + "/reopen", Map.of());

        assertThat(blank.statusCode()).isEqualTo(200);
        assertThat(blank.body()).contains("Say why this message is dismissed");
        assertThat(dismissed.statusCode()).isEqualTo(302);
        assertThat(list.body()).contains("Dismissed", "spam from a broken list", "Undo dismiss");
        assertThat(reimport.lastLine()).isEqualTo("imported 0 new, 0 duplicate, 1 quarantined");
        assertThat(afterReimport.status()).isEqualTo("DISMISSED");
        assertThat(afterReimport.dismissReason()).isEqualTo("spam from a broken list");
        assertThat(openAfter).isEqualTo(openBefore - 1);
        assertThat(quarantine.messages()).filteredOn(q -> q.mailboxAddress().equals(mailbox)).hasSize(1);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).hasSize(Hostile.hugeHeader(1024 * 1024).length);
        assertThat(undone.statusCode()).isEqualTo(302);
        assertThat(quarantine.message(id).status()).isEqualTo("OPEN");
        assertThat(quarantine.message(id).dismissReason()).isNull();
        var trail = activity.page(new ActivityFilter(null, "mail.quarantine", "quarantined_message", Long.toString(id),
                null, null), 0).entries();
        assertThat(trail).extracting(ActivityEntry::action).containsExactly("mail.quarantine_reopened",
                "mail.quarantine_downloaded", "mail.quarantine_dismissed");
        assertThat(trail.get(2).afterJson()).contains("spam from a broken list");
    }

    @Test
    void aDismissedMessageCanStillBeRetried() {
        var mailbox = mailboxes.ensureMailbox("dismiss-retry-" + shortId() + "@demo.example");
        var good = ("From: a@example.com\r\nSubject: set aside\r\nMessage-ID: <aside-" + shortId() + "@example.com>\r\n\r\nok\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        var id = quarantine.quarantine(IngestSource.imported(mailbox.id(), "upload:aside.eml"), good, "fetch was cut off");
        var admin = Actor.system();

        var first = quarantine.dismiss(admin, id, "looked like spam");
        var second = quarantine.dismiss(admin, id, "again");
        var result = quarantine.retry(admin, id);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(result.outcome()).isEqualTo(Outcome.NEW);
        assertThat(quarantine.message(id).status()).isEqualTo("RETRIED");
        assertThat(messages.message(result.messageId()).orElseThrow().subject()).isEqualTo("set aside");
    }

    @Test
    void anAdminImportsUploadedFilesAndSeesTheCounts() throws IOException {
        var admin = signedInAdmin();
        admin.get("/admin/mail/import");
        var mailbox = "upload-" + shortId() + "@demo.example";
        var mbox = mbox(uniqueMessage("upload 1"), uniqueMessage("upload 2"));
        var eml = uniqueMessage("upload 3");

        var response = admin.postMultipart("/admin/mail/import", Map.of("mailbox", mailbox),
                Map.of("default.mbox", mbox, "traversal.eml", eml));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("imported 3 new, 0 duplicate, 0 quarantined");
    }

    private IngestResult ingest(MailboxView mailbox, byte[] raw) {
        return ingestion.ingest(IngestSource.imported(mailbox.id(), "test"), raw);
    }

    private static IncomingMessage incoming(MailboxView mailbox, byte[] raw) {
        return new IncomingMessage(IngestSource.imported(mailbox.id(), "batch"), raw);
    }

    private MessageView message(IngestResult result) {
        return messages.message(result.messageId()).orElseThrow();
    }

    private static byte[] uniqueMessage(String subject) {
        return ("From: someone@customer.example\r\nTo: sales@demo.example\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + UUID.randomUUID() + "@customer.example>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n\r\nHello,\r\n\r\n"
                + ">From the desk of " + subject + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] mbox(byte[]... messages) {
        var out = new ByteArrayOutputStream();
        for (var message : messages) {
            out.writeBytes("From someone@customer.example Mon Mar  2 10:00:00 2026\n".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(new String(message, StandardCharsets.US_ASCII).replace("\n>From", "\n>>From")
                    .getBytes(StandardCharsets.US_ASCII));
            out.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    private Browser signedInAdmin() {
        var username = "admin-" + shortId();
        identity.createUserWithPassword(Actor.system(), username, "Test Admin", null, Role.ADMIN, PASSWORD, "test");
        var browser = new Browser(port);
        assertThat(browser.signIn(username, PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        return browser;
    }

    private CommandRun run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var words = List.of(args);
        var code = importCommand.run(words.subList(1, words.size()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static byte[] delivered(String to, String body) {
        return ("Delivered-To: " + to + "\r\nReceived: from mx.example by mail.demo.example; Mon, 2 Mar 2026 10:00:0"
                + (to.startsWith("sales") ? "1" : "2") + " +0000\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    record CommandRun(int exitCode, String out, String err) {
        String lastLine() {
            var lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }
}
