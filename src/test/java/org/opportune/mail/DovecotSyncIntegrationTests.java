package org.opportune.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import org.opportune.shared.Actor;
import org.opportune.testing.DovecotServer;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sync against a real Dovecot (Debian's dovecot-imapd), which .ci/run installs; never skipped. */
@IntegrationTest
class DovecotSyncIntegrationTests {

    static final String PASSWORD = "dovecot-test-password";

    @RegisterExtension
    static final DovecotServer dovecot = new DovecotServer();

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailMessages messages;

    @Test
    void syncsExistingMailAndGetsAnAppendedMessageThroughIdle() {
        var user = newUser();
        for (int i = 1; i <= 3; i++) {
            dovecot.append(user, PASSWORD, "INBOX", message("existing " + i));
        }

        var mailbox = connect(user, List.of("INBOX"));

        soon().until(() -> stored(mailbox) == 3);
        soon().until(() -> mailboxes.overview(mailbox.id()).status().state().equals("IDLE"));
        dovecot.append(user, PASSWORD, "INBOX", message("delivered while idling"));
        await().atMost(Duration.ofSeconds(5)).until(() -> subjects(mailbox).contains("delivered while idling"));
        assertThat(subjects(mailbox)).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void aNewUidValidityResyncsTheFolderWithoutDuplicates() {
        var user = newUser();
        dovecot.createFolder(user, PASSWORD, "Sales");
        var originals = List.of(message("sales 1"), message("sales 2"), message("sales 3"));
        originals.forEach(raw -> dovecot.append(user, PASSWORD, "Sales", raw));
        var mailbox = connect(user, List.of("Sales"));
        soon().until(() -> stored(mailbox) == 3);
        var before = folderStatus(mailbox).uidValidity();

        dovecot.deleteFolder(user, PASSWORD, "Sales");
        dovecot.createFolder(user, PASSWORD, "Sales");
        originals.forEach(raw -> dovecot.append(user, PASSWORD, "Sales", raw));
        dovecot.append(user, PASSWORD, "Sales", message("sales 4, new after the change"));

        soon().until(() -> stored(mailbox) == 4 && before != null && !before.equals(folderStatus(mailbox).uidValidity()));
        soon().until(() -> folderStatus(mailbox).lastUid() == 4);
        assertThat(subjects(mailbox)).hasSize(4).doesNotHaveDuplicates().contains("sales 4, new after the change");
    }

    @Test
    void aMessageAppendedWhileASyncRunsIsFetchedToo() {
        var user = newUser();
        var bulk = new ArrayList<byte[]>();
        for (int i = 1; i <= 250; i++) {
            bulk.add(message("bulk " + i));
        }
        dovecot.appendAll(user, PASSWORD, "INBOX", bulk);

        var mailbox = connect(user, List.of("INBOX"));
        soon().until(() -> mailboxes.overview(mailbox.id()).status().messagesSeen() > 0);
        var late = new ArrayList<CompletableFuture<Void>>();
        for (int i = 1; i <= 3; i++) {
            var subject = "appended during sync " + i;
            late.add(CompletableFuture.runAsync(() -> dovecot.append(user, PASSWORD, "INBOX", message(subject))));
        }
        late.forEach(CompletableFuture::join);

        await().atMost(Duration.ofSeconds(60)).dontCatchUncaughtExceptions().until(() -> stored(mailbox) == 253);
        assertThat(subjects(mailbox)).hasSize(253).doesNotHaveDuplicates()
                .contains("appended during sync 1", "appended during sync 2", "appended during sync 3");
        soon().until(() -> mailboxes.overview(mailbox.id()).status().messagesSeen() == 253);
    }

    private MailboxView connect(String user, List<String> folders) {
        return mailboxes.connect(Actor.system(), MailboxCommand.imap("Sales", user + "@dovecot.example", dovecot.host(),
                dovecot.port(), MailSecurity.NONE, user, PASSWORD).withFolders(folders).withPollIntervalSeconds(1));
    }

    private static ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(20)).dontCatchUncaughtExceptions();
    }

    private String newUser() {
        var user = "sales" + UUID.randomUUID().toString().substring(0, 8);
        dovecot.addUser(user, PASSWORD);
        return user;
    }

    private MailboxStatus.FolderStatus folderStatus(MailboxView mailbox) {
        return mailboxes.overview(mailbox.id()).status().folders().get(0);
    }

    private int stored(MailboxView mailbox) {
        return messages.messageIdsInMailbox(mailbox.id()).size();
    }

    private List<String> subjects(MailboxView mailbox) {
        return messages.messageIdsInMailbox(mailbox.id()).stream()
                .map(id -> messages.message(id).orElseThrow().subject()).toList();
    }

    private static byte[] message(String subject) {
        return ("From: buyer@customer.example\r\nTo: sales@dovecot.example\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + UUID.randomUUID() + "@customer.example>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n\r\nAbout " + subject
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
