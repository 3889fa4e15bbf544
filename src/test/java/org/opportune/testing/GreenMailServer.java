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

    /**
     * Delivers a message from a customer through SMTP, as a mail client would send it; {@code inReplyTo}
     * (a Message-ID without angle brackets) makes it a reply. Returns its Message-ID.
     */
    public String deliver(String from, String to, String subject, String text, @org.jspecify.annotations.Nullable String inReplyTo) {
        try {
            var properties = new java.util.Properties();
            properties.put("mail.smtp.host", smtp.getBindAddress());
            properties.put("mail.smtp.port", Integer.toString(smtp.getPort()));
            var session = jakarta.mail.Session.getInstance(properties);
            var messageId = UUID.randomUUID() + "@" + from.substring(from.indexOf('@') + 1).replace(">", "");
            var message = new jakarta.mail.internet.MimeMessage(session) {
                @Override
                protected void updateMessageID() throws jakarta.mail.MessagingException {
                    setHeader("Message-ID", "<" + messageId + ">");
                }
            };
            message.setFrom(new jakarta.mail.internet.InternetAddress(from));
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, to);
            message.setSubject(subject, "UTF-8");
            message.setSentDate(new java.util.Date());
            if (inReplyTo != null) {
                message.setHeader("In-Reply-To", "<" + inReplyTo + ">");
                message.setHeader("References", "<" + inReplyTo + ">");
            }
            message.setText(text, "UTF-8");
            jakarta.mail.Transport.send(message);
            return messageId;
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates an IMAP folder (such as {@code Sent}) in the user's account. */
    public void createFolder(String login, String password, String folder) {
        try (var store = imapStore(login, password)) {
            var created = store.getFolder(folder).create(jakarta.mail.Folder.HOLDS_MESSAGES);
            if (!created) {
                throw new IllegalStateException("could not create folder " + folder);
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Message-IDs of the messages in an IMAP folder of the user's account, each followed by
     * {@code " \\Seen"} when it has that flag; empty when the folder does not exist.
     */
    public java.util.List<String> folderMessages(String login, String password, String folder) {
        try (var store = imapStore(login, password)) {
            var imapFolder = store.getFolder(folder);
            if (!imapFolder.exists()) {
                return java.util.List.of();
            }
            imapFolder.open(jakarta.mail.Folder.READ_ONLY);
            try {
                var result = new java.util.ArrayList<String>();
                for (var message : imapFolder.getMessages()) {
                    var ids = message.getHeader("Message-ID");
                    result.add((ids == null ? "?" : ids[0])
                            + (message.isSet(jakarta.mail.Flags.Flag.SEEN) ? " \\Seen" : ""));
                }
                return result;
            } finally {
                imapFolder.close(false);
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private jakarta.mail.Store imapStore(String login, String password) throws jakarta.mail.MessagingException {
        var store = jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("imap");
        store.connect(imap.getBindAddress(), imap.getPort(), login, password);
        return store;
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
