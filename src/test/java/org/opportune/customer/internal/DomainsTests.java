package org.opportune.customer.internal;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.opportune.customer.CustomerProperties;

import static org.assertj.core.api.Assertions.assertThat;

class DomainsTests {

    private final Domains domains = defaults();

    static Domains defaults() {
        var properties = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of()))
                .bindOrCreate("opportune.customer", CustomerProperties.class);
        return Domains.of(properties);
    }

    @ParameterizedTest
    @CsvSource({
            "northwind-traders.com, Northwind Traders",
            "mail.northwind-traders.com, Northwind Traders",
            "oakfieldlegal.example, Oakfieldlegal",
            "weber_hansen.co.uk, Weber Hansen",
            "news.mail.ledgerloop.example, Ledgerloop",
            "acme.com.au, Acme"})
    void derivesACompanyNameFromItsDomain(String domain, String name) {
        assertThat(Domains.companyName(domain)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "severntimber.example|Severn Timber Merchants Accounts|Severn Timber",
            "fittingsdirect.example|Fittings Direct|Fittings Direct",
            "rankrocket.example|Kevin from RankRocket|RankRocket",
            "thecopperkettle.example|The Copper Kettle, Gloucester Road|The Copper Kettle",
            "mail.ledgerloop.example|LedgerLoop|LedgerLoop",
            "oakfieldlegal.example|Hannah Price|Oakfieldlegal",
            "northwind-traders.com|Anna from Northwind Traders|Northwind Traders",
            "northwind-traders.com||Northwind Traders",
            "acme.example|Acme Rockets|Acme"})
    void prefersTheWordsOfTheDisplayNameThatSpellTheDomain(String domain, String display, String name) {
        assertThat(Domains.companyName(domain, display)).isEqualTo(name);
    }

    @Test
    void findsTheCompanysProperNameInTheSignatureWhenTheDisplayNameHasNone() {
        var text = """
                Please send your quotation by the end of next month.

                Kind regards,
                Oliver Grant
                Purchasing Manager, Hotel Marlowe
                01225 496 0720
                """;

        assertThat(Domains.companyName("hotelmarlowe.example", "Oliver Grant", text)).isEqualTo("Hotel Marlowe");
        assertThat(Domains.companyName("staldhelms.example", "Bursar", "St Aldhelm's School (Bath)"))
                .isEqualTo("St Aldhelm's");
        assertThat(Domains.companyName("hotelmarlowe.example", "Hotel Marlowe Reception", text))
                .as("the display name comes first").isEqualTo("Hotel Marlowe");
    }

    @Test
    void ignoresQuotedLinesAndTextThatDoesNotSpellTheDomain() {
        var reply = """
                Thanks, see below.

                > Best regards,
                > Clearline Contact
                Mark at the contact centre
                """;

        assertThat(Domains.companyName("clearlinecontact.example", "Mark Jennings", reply)).isEqualTo("Clearlinecontact");
        assertThat(Domains.companyName("clearlinecontact.example", null, null)).isEqualTo("Clearlinecontact");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmail.com", "GoogleMail.com", "hotmail.co.uk", "hotmail.fr", "outlook.com", "live.com",
            "yahoo.co.uk", "yahoo.com", "web.de", "gmx.de", "gmx.net", "gmx.at", "gmx.co.uk", "icloud.com", "me.com",
            "aol.com", "proton.me", "protonmail.com", "mail.ru", "yandex.ru", "t-online.de", "freenet.de", "orange.fr",
            "free.fr", "laposte.net", "qq.com", "163.com"})
    void recognisesFreeMailDomains(String domain) {
        assertThat(domains.isFreeMail(domain)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"northwind.example", "gmxtools.com", "webde.com", "mygmail.com", "gmail.company.com", "outlookgroup.com"})
    void doesNotTakeCompanyDomainsForFreeMail(String domain) {
        assertThat(domains.isFreeMail(domain)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAILER-DAEMON@mx1.example.com", "postmaster@example.com", "noreply@shop.example",
            "no-reply@accounts.example", "do-not-reply@x.example", "bounces+123@mg.example"})
    void recognisesMachineSenders(String address) {
        assertThat(domains.isAutomated(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna@northwind.example", "nora.reply@x.example", "postmaster.general@gov.example"})
    void doesNotTakePeopleForMachines(String address) {
        assertThat(domains.isAutomated(address)).isFalse();
    }

    @Test
    void ownDomainsIncludeTheirSubdomains() {
        var own = Set.of("harbourlane.example");

        assertThat(Domains.isOwn("harbourlane.example", own)).isTrue();
        assertThat(Domains.isOwn("mx1.harbourlane.example", own)).isTrue();
        assertThat(Domains.isOwn("notharbourlane.example", own)).isFalse();
    }

    @Test
    void looksUpACompanyFromTheMostSpecificDomainToTheRegistrableOne() {
        assertThat(Domains.lookupChain("eu.mail.northwind.co.uk"))
                .containsExactly("eu.mail.northwind.co.uk", "mail.northwind.co.uk", "northwind.co.uk");
        assertThat(Domains.lookupChain("northwind.example")).containsExactly("northwind.example");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Hannah Price|hannah.price@oakfieldlegal.example|Hannah Price",
            "\"Price, Hannah\"|hannah.price@oakfieldlegal.example|Price, Hannah",
            "|hannah.price@oakfieldlegal.example|Hannah Price",
            "hannah.price@oakfieldlegal.example|hannah.price@oakfieldlegal.example|Hannah Price",
            "|j_weber@weberhansen.example|J Weber"})
    void takesAPersonsNameFromTheFromHeaderOrElseTheAddress(String display, String address, String name) {
        assertThat(Domains.personName(display, address)).isEqualTo(name);
    }

    @Test
    void normalisesAddressesAndDomains() {
        assertThat(Domains.domainOf("Anna@NorthWind.Example.")).isEqualTo("northwind.example");
        assertThat(Domains.localPartOf("Anna@NorthWind.Example")).isEqualTo("anna");
        assertThat(List.of(Domains.registrable("a.b.example.com"), Domains.registrable("example.co.uk"),
                Domains.registrable("www.example.co.uk"))).containsExactly("example.com", "example.co.uk", "example.co.uk");
    }
}
