package org.opportune.mail;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailboxRulesTests {

    @Test
    void knowsLoopbackHostsWithoutLookingUpNames() {
        assertThat(List.of("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"))
                .allMatch(MailboxRules::isLoopback);
        assertThat(List.of("10.0.0.1", "192.168.1.1", "imap.example.com", "localhost.example.com", "::2", "0.0.0.0"))
                .noneMatch(MailboxRules::isLoopback);
    }

    @Test
    void refusesUnencryptedConnectionsToOtherHosts() {
        var errors = MailboxRules.check(imap("imap.example.com", MailSecurity.NONE), false, false);

        assertThat(errors).containsKey("imapSecurity");
        assertThat(errors.get("imapSecurity")).contains("only allowed to this machine");
    }

    @Test
    void allowsUnencryptedConnectionsOnLoopback() {
        assertThat(MailboxRules.check(imap("127.0.0.1", MailSecurity.NONE), false, false)).isEmpty();
    }

    @Test
    void needsAPasswordUnlessOneIsStored() {
        var noPassword = imap("imap.example.com", MailSecurity.TLS).withImapPassword("");

        assertThat(MailboxRules.check(noPassword, false, false)).containsKey("imapPassword");
        assertThat(MailboxRules.check(noPassword, true, false)).isEmpty();
    }

    @Test
    void namesEveryBadField() {
        var command = new MailboxCommand("", "not-an-address", "imap.example.com", 70000, null, "", "", List.of(),
                null, null, null, null, null, 0, true);

        assertThat(MailboxRules.check(command, false, false).keySet())
                .containsExactlyInAnyOrder("name", "address", "imapPort", "imapSecurity", "imapUsername", "folders",
                        "pollIntervalSeconds");
    }

    private static MailboxCommand imap(String host, MailSecurity security) {
        return MailboxCommand.imap("Sales", "sales@example.com", host, 993, security, "sales", "secret");
    }
}
