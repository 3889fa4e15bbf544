package org.opportune.demo;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

import org.opportune.compose.ReplyTemplateService;
import org.opportune.compose.SignatureService;
import org.opportune.conversation.ConversationService;
import org.opportune.conversation.ConversationWork;
import org.opportune.customer.CustomerService;
import org.opportune.identity.IdentityService;
import org.opportune.mail.MailMessages;
import org.opportune.mail.MailboxService;
import org.opportune.opportunity.OpportunityService;

/** The demo's beans; none of them exist unless the demo is on, and never for the jar's commands. */
@Configuration(proxyBeanMethods = false)
@Conditional(DemoEnabled.class)
@Profile("!command")
@EnableConfigurationProperties(DemoProperties.class)
class DemoConfig {

    @Bean
    DemoMail demoMail() {
        return DemoMail.load();
    }

    @Bean
    DemoMailServer demoMailServer(DemoProperties properties, DemoMail mail, Clock clock) {
        return new DemoMailServer(properties, mail, clock);
    }

    @Bean
    DemoUsers demoUsers(DemoProperties properties, DemoMail mail, IdentityService identity) {
        return new DemoUsers(properties, mail.domain(), identity);
    }

    @Bean
    DemoMailboxes demoMailboxes(MailboxService mailboxes, DemoMailServer server) {
        return new DemoMailboxes(mailboxes, server);
    }

    @Bean
    DemoCustomers demoCustomers(CustomerService customers) {
        return new DemoCustomers(customers);
    }

    @Bean
    DemoOpportunities demoOpportunities(OpportunityService opportunities, IdentityService identity, MailMessages messages,
            ConversationService conversations, ConversationWork work, DemoMail mail, Clock clock) {
        return new DemoOpportunities(opportunities, identity, messages, conversations, work, mail.domain(), clock);
    }

    @Bean
    DemoReplies demoReplies(SignatureService signatures, ReplyTemplateService templates, MailboxService mailboxes) {
        return new DemoReplies(signatures, templates, mailboxes);
    }

    @Bean
    DemoStarter demoStarter(DemoUsers users, DemoCustomers customers, DemoMailServer server, DemoMailboxes mailboxes,
            DemoOpportunities opportunities, DemoReplies replies, Environment environment) {
        return new DemoStarter(users, customers, server, mailboxes, opportunities, replies, environment);
    }
}
