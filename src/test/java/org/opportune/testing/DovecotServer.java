package org.opportune.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * A real Dovecot IMAP server (Debian's {@code dovecot-imapd}) for a test class: its own config in a
 * temp dir, plaintext on a free loopback port, maildirs owned by the {@code dovecot} user (Dovecot
 * will not run mail processes as root). Dovecot is required: a missing {@code /usr/sbin/dovecot}
 * fails the test ({@code .ci/run} installs it).
 */
public final class DovecotServer implements BeforeAllCallback, AfterAllCallback {

    public static final String DOVECOT = "/usr/sbin/dovecot";

    private Path dir;
    private int port;
    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!Files.isExecutable(Path.of(DOVECOT))) {
            throw new IllegalStateException(DOVECOT + " is missing: install Debian's dovecot-imapd (.ci/run does)");
        }
        dir = Files.createTempDirectory("opportune-dovecot-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("passwd"), "");
        port = freePort();
        Files.writeString(dir.resolve("dovecot.conf"), config());
        run("chown", "-R", "dovecot:dovecot", dir.resolve("home").toString(), dir.resolve("passwd").toString());
        process = new ProcessBuilder(DOVECOT, "-F", "-c", dir.resolve("dovecot.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("dovecot.out").toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(this::listening);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Dovecot did not start: " + log(), e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /**
     * Adds a mail user and waits until Dovecot knows it: it reads a changed passwd file again, but at
     * most once a second.
     */
    public void addUser(String user, String password) {
        try {
            Files.writeString(dir.resolve("passwd"), user + ":{PLAIN}" + password + "::::::\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() -> canSignIn(user, password));
    }

    private boolean canSignIn(String user, String password) {
        try (var store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect(host(), port, user, password);
            return true;
        } catch (MessagingException e) {
            return false;
        }
    }

    /** Appends a raw message to a folder as the user, the way a delivery agent would. */
    public void append(String user, String password, String folder, byte[] raw) {
        withStore(user, password, store -> {
            var target = store.getFolder(folder);
            var message = new MimeMessage(Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(raw));
            message.setFlags(new Flags(), false);
            target.appendMessages(new jakarta.mail.Message[] {message});
        });
    }

    /** Appends many raw messages over one connection, in one APPEND per message. */
    public void appendAll(String user, String password, String folder, java.util.List<byte[]> raws) {
        withStore(user, password, store -> {
            var target = store.getFolder(folder);
            var session = Session.getInstance(new Properties());
            for (var raw : raws) {
                var message = new MimeMessage(session, new java.io.ByteArrayInputStream(raw));
                message.setFlags(new Flags(), false);
                target.appendMessages(new jakarta.mail.Message[] {message});
            }
        });
    }

    /** The Message-IDs in a folder, each followed by {@code " \\Seen"} when it has that flag. */
    public java.util.List<String> folderMessages(String user, String password, String folder) {
        var result = new java.util.ArrayList<String>();
        withStore(user, password, store -> {
            var source = store.getFolder(folder);
            source.open(Folder.READ_ONLY);
            try {
                for (var message : source.getMessages()) {
                    var ids = message.getHeader("Message-ID");
                    result.add((ids == null ? "?" : ids[0]) + (message.isSet(Flags.Flag.SEEN) ? " \\Seen" : ""));
                }
            } finally {
                source.close(false);
            }
        });
        return result;
    }

    public void createFolder(String user, String password, String folder) {
        withStore(user, password, store -> store.getFolder(folder).create(Folder.HOLDS_MESSAGES));
    }

    /** Deletes the folder with its messages; created again, it has a new UIDVALIDITY. */
    public void deleteFolder(String user, String password, String folder) {
        withStore(user, password, store -> store.getFolder(folder).delete(true));
    }

    public String log() {
        try {
            var log = dir.resolve("dovecot.log");
            var out = dir.resolve("dovecot.out");
            return (Files.exists(log) ? Files.readString(log) : "") + (Files.exists(out) ? Files.readString(out) : "");
        } catch (IOException e) {
            return e.toString();
        }
    }

    interface StoreAction {
        void run(Store store) throws MessagingException;
    }

    private void withStore(String user, String password, StoreAction action) {
        try (var store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect(host(), port, user, password);
            action.run(store);
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP as " + user + " failed: " + e.getMessage() + "\n" + log(), e);
        }
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Dovecot exited: " + log());
        }
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String config() {
        return """
                listen = 127.0.0.1
                protocols = imap
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                info_log_path = %1$s/dovecot.log
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                default_login_user = dovenull
                default_internal_user = dovecot
                first_valid_uid = 1
                mail_location = maildir:%1$s/home/%%u/Maildir
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %1$s/passwd
                }
                userdb {
                  driver = static
                  args = uid=dovecot gid=dovecot home=%1$s/home/%%u
                }
                service imap-login {
                  inet_listener imap {
                    address = 127.0.0.1
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                  chroot =
                }
                service anvil {
                  chroot =
                }
                protocol imap {
                  mail_max_userip_connections = 100
                }
                """.formatted(dir, port);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
