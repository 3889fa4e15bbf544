package org.opportune.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the demo, prefix {@code opportune.demo}.
 *
 * @param enabled  turns the demo on without the {@code --demo} argument
 * @param imapPort the demo mail server's IMAP port on 127.0.0.1
 * @param smtpPort the demo mail server's SMTP port on 127.0.0.1
 * @param password the password of every demo user and demo mailbox ({@code OPPORTUNE_DEMO_PASSWORD});
 *                 blank means "generate one"
 */
@ConfigurationProperties("opportune.demo")
record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("3143") int imapPort,
        @DefaultValue("3025") int smtpPort,
        @DefaultValue("") String password) {

    boolean passwordConfigured() {
        return !password.isBlank();
    }
}
