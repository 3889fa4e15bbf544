package org.opportune.mail;

/** How a mail connection is protected. {@link #NONE} is allowed only to a loopback host. */
public enum MailSecurity {
    /** TLS from the first byte (IMAPS, port 993; SMTPS, 465). */
    TLS,
    /** Plain connect, then STARTTLS, which is required (IMAP 143; SMTP 587). */
    STARTTLS,
    /** No encryption: only for a server on this machine (127.0.0.0/8, ::1, localhost). */
    NONE
}
