package org.opportune.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import org.awaitility.Awaitility;

import org.opportune.customer.CustomerService;
import org.opportune.customer.Relationship;
import org.opportune.identity.IdentityService;
import org.opportune.mail.MailMessages;
import org.opportune.mail.MailboxService;
import org.opportune.identity.Role;
import org.opportune.identity.UserView;
import org.opportune.testing.Browser;
import org.opportune.testing.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"opportune.demo.enabled=true", "opportune.demo.password=" + DemoIntegrationTests.PASSWORD})
class DemoIntegrationTests {

    static final String PASSWORD = "sawdust-and-varnish-42";
    private static final int IMAP_PORT = freePort();
    private static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void demoPorts(DynamicPropertyRegistry registry) {
        registry.add("opportune.demo.imap-port", () -> IMAP_PORT);
        registry.add("opportune.demo.smtp-port", () -> SMTP_PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    DemoStarter starter;

    @Autowired
    Clock clock;

    @Autowired
    MailboxService mailboxes;

    @Autowired
    MailMessages messages;

    @Autowired
    CustomerService customers;

    @Autowired
    org.opportune.opportunity.OpportunityService opportunities;

    @Test
    void theSeededMailFlowsIntoOpportuneFromTheDemoServer() {
        var sales = mailboxes.findByAddress("sales@harbourlane.example").orElseThrow();
        var info = mailboxes.findByAddress("info@harbourlane.example").orElseThrow();

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(messages.messageIdsInMailbox(sales.id())).hasSize(28);
            assertThat(messages.messageIdsInMailbox(info.id())).hasSize(18);
        });
        assertThat(sales.syncEnabled()).isTrue();
    }

    @Test
    void theDemoMailMakesCustomersAndTheCopperKettleIsAnExistingOne() {
        var ruth = Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> customers.contactByEmail("ruth@thecopperkettle.example").orElse(null), c -> c != null);
        var hannah = Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> customers.contactByEmail("hannah.price@oakfieldlegal.example").orElse(null), c -> c != null);

        var kettle = customers.companyByDomain("thecopperkettle.example").orElseThrow();
        assertThat(kettle.name()).isEqualTo("The Copper Kettle");
        assertThat(kettle.relationship()).isEqualTo(Relationship.CUSTOMER);
        assertThat(ruth.companyId()).isEqualTo(kettle.id());
        assertThat(customers.relationshipOf("ruth@thecopperkettle.example")).hasValue(Relationship.CUSTOMER);
        assertThat(hannah.name()).isEqualTo("Hannah Price");
        assertThat(hannah.companyName()).as("named as her signature spells it").isEqualTo("Oakfield Legal");
        assertThat(customers.relationshipOf("hannah.price@oakfieldlegal.example")).hasValue(Relationship.PROSPECT);
        assertThat(customers.contactByEmail("priya@harbourlane.example")).as("our own people are not customers").isEmpty();
        assertThat(customers.companyByDomain("harbourlane.example")).isEmpty();
        assertThat(customers.contactByEmail("mailer-daemon@mx1.harbourlane.example")).isEmpty();
        assertThat(customers.search("", 200)).filteredOn(h -> h.name().equals("The Copper Kettle")).hasSize(1);
    }

    @Test
    void createsOneDemoUserForEachRole() {
        var roles = DemoUsers.USERS.stream().map(u -> identity.findByUsername(u.username()).orElseThrow())
                .collect(Collectors.toMap(UserView::username, UserView::role));

        assertThat(roles).containsEntry("dana", Role.ADMIN).containsEntry("marco", Role.MANAGER)
                .containsEntry("priya", Role.REP).containsEntry("tom", Role.REP).containsEntry("lena", Role.VIEWER);
        assertThat(roles.values()).containsAll(java.util.EnumSet.allOf(Role.class));
    }

    @Test
    void aDemoUserSignsInWithTheConfiguredPassword() {
        var browser = new Browser(port);

        var signedIn = browser.signIn("priya", PASSWORD);
        var home = browser.get("/");

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        assertThat(home.statusCode()).isEqualTo(200);
    }

    @Test
    void anImapClientSeesTheSeededMailInBothSharedMailboxes() throws MessagingException {
        var expected = new DemoMessages(DemoMail.load()).build(clock).stream().flatMap(s -> s.mailboxes().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        var sales = count("sales@harbourlane.example");
        var info = count("info@harbourlane.example");

        assertThat(sales).isEqualTo(expected.get("sales@harbourlane.example"));
        assertThat(info).isEqualTo(expected.get("info@harbourlane.example"));
        assertThat(sales + info).isGreaterThanOrEqualTo(40);
    }

    @Test
    void printsTheUsersButNotTheConfiguredPassword(CapturedOutput startup) {
        assertThat(startup.getOut()).contains("Opportune demo: http://localhost:" + port)
                .contains("dana", "marco", "priya", "tom", "lena")
                .contains("Password: the value of OPPORTUNE_DEMO_PASSWORD")
                .contains("IMAP port " + IMAP_PORT)
                .doesNotContain(PASSWORD);
    }

    @Test
    void aSecondStartOnTheSameDatabaseKeepsTheUsersAndTheirPassword() {
        var before = identity.users().size();

        var again = print();

        assertThat(identity.users()).hasSize(before);
        assertThat(again).contains("priya").doesNotContain(PASSWORD);
        assertThat(new Browser(port).signIn("lena", PASSWORD).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/"));
    }

    @Test
    void thePipelineHasAFewDealsAtDifferentStagesOnceEachMadeFromItsConversation(
            @Autowired org.opportune.conversation.ConversationWork work) {
        var all = new org.opportune.opportunity.OpportunityFilter(null, null, "all", 0);
        var system = org.opportune.shared.Actor.system();
        var deals = Awaitility.await().atMost(DemoOpportunities.WAIT.plusSeconds(30))
                .until(() -> opportunities.list(system, all), list -> list.size() == 4);

        print();

        assertThat(deals).extracting(o -> o.stage()).containsExactlyInAnyOrder("new_lead", "qualified", "proposal_sent", "won");
        assertThat(deals).filteredOn(o -> o.stage().equals("new_lead")).singleElement()
                .satisfies(o -> assertThat(o.ownerId()).isNull());
        var marlowe = deals.stream().filter(o -> o.stage().equals("proposal_sent")).findFirst().orElseThrow();
        assertThat(marlowe.ownerName()).isEqualTo("Priya Shah");
        var oliver = customers.contactByEmail("o.grant@hotelmarlowe.example").orElseThrow();
        assertThat(marlowe.contactId()).isEqualTo(oliver.id());
        assertThat(marlowe.companyId()).isEqualTo(oliver.companyId());
        assertThat(customers.company(oliver.companyId()).orElseThrow().name()).as("a known prospect's proper name")
                .isEqualTo("Hotel Marlowe");
        var linked = opportunities.conversations(system, marlowe.id());
        assertThat(linked).as("the deal is linked to the enquiry's conversation").hasSize(1);
        assertThat(work.state(linked.get(0).conversationId()).ownerId()).as("the deal's owner owns the conversation")
                .isEqualTo(marlowe.ownerId());
        assertThat(deals).allSatisfy(o -> assertThat(opportunities.conversations(system, o.id())).hasSize(1));
        assertThat(opportunities.list(system, all)).as("a second start adds none").hasSize(4);
    }

    @Test
    void theReplyFormHasSignaturesFootersAndTwoTemplatesOnce(@Autowired org.opportune.compose.ReplyTemplateService templates,
            @Autowired org.opportune.compose.SignatureService signatures) {
        print();

        var marco = identity.users().stream().filter(u -> u.username().equals("marco")).findFirst().orElseThrow();
        var sales = mailboxes.mailboxes().stream().filter(m -> m.address().startsWith("sales@")).findFirst().orElseThrow();
        assertThat(templates.templates()).extracting(t -> t.name())
                .containsExactly("Quote follow-up", "Thanks for your enquiry");
        assertThat(signatures.blocks(marco.id(), java.util.List.of(sales.id())).get(sales.id()))
                .startsWith("-- \n" + marco.displayName() + "\n").endsWith("Harbour Lane Interiors · " + sales.address());
    }

    private String print() {
        var out = new ByteArrayOutputStream();
        starter.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long count(String mailbox) throws MessagingException {
        var props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        var store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", IMAP_PORT, mailbox, PASSWORD);
        try {
            var inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return inbox.getMessageCount();
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
