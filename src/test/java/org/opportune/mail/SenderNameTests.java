package org.opportune.mail;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class SenderNameTests {

    private static OutboxProperties format(String senderName) {
        return new OutboxProperties(true, Duration.ofSeconds(2), 8, Duration.ofSeconds(30), Duration.ofHours(1),
                Duration.ofSeconds(60), DataSize.ofMegabytes(15), senderName);
    }

    @Test
    void byDefaultTheCustomerSeesTheFirstNameAndTheMailbox() {
        assertThat(format("{first} at {mailbox}").senderName("Anna Berg", "Sales")).isEqualTo("Anna at Sales");
    }

    @Test
    void theFormatMayUseTheWholeNameOrOnlyTheMailbox() {
        assertThat(format("{name} ({mailbox})").senderName("  Anna   Berg ", "Sales")).isEqualTo("Anna Berg (Sales)");
        assertThat(format("{mailbox} team").senderName("Anna Berg", "Sales")).isEqualTo("Sales team");
    }

    @Test
    void aPersonWithoutANameStillSendsAsTheMailbox() {
        assertThat(format("{first}").senderName(" ", "Sales")).isEqualTo("Sales");
    }
}
