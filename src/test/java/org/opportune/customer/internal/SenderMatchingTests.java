package org.opportune.customer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.opportune.mail.MessageView.MessageAddress;

import static org.assertj.core.api.Assertions.assertThat;

class SenderMatchingTests {

    private static final Set<String> OWN = Set.of("harbourlane.example");

    private final SenderMatching matching = new SenderMatching(DomainsTests.defaults());

    @Test
    void aCompanySenderIsLinkedWithTheCompanyDomain() {
        var parties = matching.parties("Hannah.Price@Mail.OakfieldLegal.example", "Hannah Price",
                addresses("FROM hannah.price@mail.oakfieldlegal.example", "TO sales@harbourlane.example"), OWN);

        assertThat(parties).singleElement().satisfies(p -> {
            assertThat(p.address()).isEqualTo("hannah.price@mail.oakfieldlegal.example");
            assertThat(p.name()).isEqualTo("Hannah Price");
            assertThat(p.companyDomain()).isEqualTo("oakfieldlegal.example");
            assertThat(p.lookupDomains()).containsExactly("mail.oakfieldlegal.example", "oakfieldlegal.example");
        });
    }

    @Test
    void aFreeMailSenderGetsAContactButNoCompany() {
        var parties = matching.parties("david.osei@gmail.com", null, addresses("FROM david.osei@gmail.com"), OWN);

        assertThat(parties).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("David Osei");
            assertThat(p.companyDomain()).isNull();
            assertThat(p.lookupDomains()).isEmpty();
        });
    }

    @Test
    void bouncesAndNoReplySendersAreNobody() {
        assertThat(matching.parties("MAILER-DAEMON@mx1.mailhost.example", "Mail Delivery System",
                addresses("TO sales@harbourlane.example"), OWN)).isEmpty();
        assertThat(matching.parties("no-reply@shop.example", "Shop", addresses("TO sales@harbourlane.example"), OWN)).isEmpty();
    }

    @Test
    void mailBetweenColleaguesLinksNobody() {
        assertThat(matching.parties("sam@harbourlane.example", "Sam",
                addresses("TO sales@harbourlane.example", "CC marco@harbourlane.example"), OWN)).isEmpty();
    }

    @Test
    void ourOwnMailIsLinkedToItsExternalRecipients() {
        var parties = matching.parties("priya@harbourlane.example", "Priya",
                addresses("TO Hannah Price <hannah.price@oakfieldlegal.example>", "CC sales@harbourlane.example",
                        "CC noreply@oakfieldlegal.example", "CC hannah.price@oakfieldlegal.example"), OWN);

        assertThat(parties).extracting(SenderMatching.Party::address).containsExactly("hannah.price@oakfieldlegal.example");
        assertThat(parties.get(0).name()).isEqualTo("Hannah Price");
    }

    @Test
    void aWebFormSentAsUsIsLinkedToItsReplyTo() {
        var parties = matching.parties("noreply@harbourlane.example", "Harbour Lane website",
                addresses("TO sales@harbourlane.example", "REPLY_TO Zoe Hart <zoe@brightsparkevents.example>"), OWN);

        assertThat(parties).extracting(SenderMatching.Party::address).containsExactly("zoe@brightsparkevents.example");
    }

    @Test
    void aBounceFromOurOwnMailServerLinksNobody() {
        assertThat(matching.parties("MAILER-DAEMON@mx1.harbourlane.example", "Mail Delivery System",
                addresses("TO sales@harbourlane.example"), OWN)).isEmpty();
    }

    @Test
    void ourMailToACrowdLinksAtMostTenRecipients() {
        var many = new ArrayList<String>();
        for (int i = 0; i < 25; i++) {
            many.add("TO person" + i + "@customer" + i + ".example");
        }

        assertThat(matching.parties("priya@harbourlane.example", null, addresses(many.toArray(String[]::new)), OWN))
                .hasSize(SenderMatching.MAX_PARTIES);
    }

    @Test
    void anUnparseableSenderLinksNobody() {
        assertThat(matching.parties("", null, addresses("TO sales@harbourlane.example"), OWN)).isEmpty();
        assertThat(matching.parties("undisclosed-recipients", null, List.of(), OWN)).isEmpty();
    }

    /** "KIND [Name <]address[>]". */
    private static List<MessageAddress> addresses(String... specs) {
        var list = new ArrayList<MessageAddress>();
        for (var spec : specs) {
            var kind = spec.substring(0, spec.indexOf(' '));
            var rest = spec.substring(spec.indexOf(' ') + 1);
            if (rest.contains("<")) {
                list.add(new MessageAddress(kind, rest.substring(rest.indexOf('<') + 1, rest.indexOf('>')),
                        rest.substring(0, rest.indexOf('<')).strip()));
            } else {
                list.add(new MessageAddress(kind, rest, null));
            }
        }
        return list;
    }
}
