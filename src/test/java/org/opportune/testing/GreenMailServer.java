package org.opportune.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A GreenMail IMAP + SMTP server on fixed free loopback ports, so a test can stop it and start a new
 * one on the same ports (the "server went away and came back" case).
 */
public final class GreenMailServer implements AutoCloseable {

    private final ServerSetup imap;
    private final ServerSetup smtp;
    private GreenMail greenMail;

    public GreenMailServer() {
        this.imap = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        this.smtp = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        this.greenMail = start();
    }

    public int imapPort() {
        return imap.getPort();
    }

    public int smtpPort() {
        return smtp.getPort();
    }

    /** Every message the server received over SMTP, in order. */
    public jakarta.mail.internet.MimeMessage[] received() {
        return greenMail.getReceivedMessages();
    }

    /** A mail user: address {@code login@demo.example}. */
    public String addUser(String login, String password) {
        var address = login + "@demo.example";
        greenMail.setUser(address, login, password);
        return address;
    }

    /** Delivers a message through SMTP; its Message-ID is unique. */
    public void send(String to, String subject) {
        GreenMailUtil.sendTextEmail(to, "buyer-" + UUID.randomUUID().toString().substring(0, 6) + "@customer.example",
                subject, "Hello, about " + subject, smtp);
    }

    public void stop() {
        greenMail.stop();
    }

    /** A new, empty server on the same ports. */
    public void restart() {
        greenMail.stop();
        greenMail = start();
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private GreenMail start() {
        var server = new GreenMail(new ServerSetup[] {imap, smtp});
        server.start();
        return server;
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
