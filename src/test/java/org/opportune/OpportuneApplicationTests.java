package org.opportune;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpportuneApplicationTests {

    @Test
    void helpListsEveryCommandOfTheJar() {
        var help = OpportuneApplication.help();

        assertThat(help).contains("--demo", "activity verify", "import --mailbox ADDRESS PATH", "threads --mailbox ADDRESS",
                "--help", "Usage: java -jar opportune.jar");
    }
}
