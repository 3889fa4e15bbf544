package org.opportune.demo;

import java.time.Clock;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The demo's mail server: GreenMail with IMAP and SMTP on 127.0.0.1 only, one mailbox per shared
 * address, filled with the seed at every start (it keeps its mail in memory).
 */
class DemoMailServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);
    static final String BIND_ADDRESS = "127.0.0.1";

    private final DemoProperties properties;
    private final DemoMail mail;
    private final Clock clock;
    private final String mailboxPassword;
    private final Map<String, Integer> delivered = new LinkedHashMap<>();
    private @Nullable GreenMail greenMail;

    DemoMailServer(DemoProperties properties, DemoMail mail, Clock clock) {
        this.properties = properties;
        this.mail = mail;
        this.clock = clock;
        // the server lives in memory on loopback: without a configured password, a fresh one per start will do
        this.mailboxPassword = properties.passwordConfigured() ? properties.password()
                : DemoPasswords.generate(List.of());
    }

    @Override
    public synchronized void start() {
        if (greenMail != null) {
            return;
        }
        var server = new GreenMail(new ServerSetup[] {
                setup(properties.imapPort(), ServerSetup.PROTOCOL_IMAP),
                setup(properties.smtpPort(), ServerSetup.PROTOCOL_SMTP)});
        try {
            server.start();
        } catch (RuntimeException e) {
            // the other protocol's server may be up already, and its thread would keep the JVM alive
            server.stop();
            throw new IllegalStateException("The demo mail server cannot listen on " + BIND_ADDRESS + " ports "
                    + properties.imapPort() + " (IMAP) and " + properties.smtpPort() + " (SMTP); is another demo running? "
                    + "Choose other ports with OPPORTUNE_DEMO_IMAP_PORT and OPPORTUNE_DEMO_SMTP_PORT.", e);
        }
        greenMail = server;
        seed(server);
        log.info("Demo mail server on {}: IMAP port {}, SMTP port {}; {} messages delivered to {}", BIND_ADDRESS,
                properties.imapPort(), properties.smtpPort(), delivered.values().stream().mapToInt(i -> i).sum(),
                delivered.keySet());
    }

    private static ServerSetup setup(int port, String protocol) {
        var setup = new ServerSetup(port, BIND_ADDRESS, protocol);
        // GreenMail's default of 2 seconds is short for a busy laptop or CI runner
        setup.setServerStartupTimeout(10_000);
        return setup;
    }

    private void seed(GreenMail server) {
        var inboxes = new LinkedHashMap<String, com.icegreen.greenmail.store.MailFolder>();
        try {
            for (var address : mail.mailboxes()) {
                var user = server.setUser(address, address, mailboxPassword);
                inboxes.put(address, server.getManagers().getImapHostManager().getInbox(user));
                // where Opportune puts the replies it sends, as a mail client would
                server.getManagers().getImapHostManager().createMailbox(user, "Sent");
                delivered.put(address, 0);
            }
        } catch (FolderException | com.icegreen.greenmail.imap.AuthorizationException e) {
            throw new IllegalStateException("The demo mailboxes cannot be created", e);
        }
        for (var seed : new DemoMessages(mail).build(clock)) {
            for (var address : seed.mailboxes()) {
                inboxes.get(address).appendMessage(seed.message(), new Flags(), Date.from(seed.date()));
                delivered.merge(address, 1, Integer::sum);
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
            delivered.clear();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return greenMail != null;
    }

    /** Before the web server and anything that reads mail starts; stops after them. */
    @Override
    public int getPhase() {
        return 0;
    }

    int imapPort() {
        return properties.imapPort();
    }

    int smtpPort() {
        return properties.smtpPort();
    }

    /** The IMAP/SMTP login of each mailbox is its address; they all share this password. */
    String mailboxPassword() {
        return mailboxPassword;
    }

    boolean mailboxPasswordConfigured() {
        return properties.passwordConfigured();
    }

    /** How many messages each shared mailbox received at this start. */
    synchronized Map<String, Integer> delivered() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(delivered));
    }
}
