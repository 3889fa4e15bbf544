package org.opportune.triage;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TriageClassifierTests {

    private static final Set<String> OWN = Set.of("brightline.example");
    private final TriageClassifier classifier = new TriageClassifier(TriageRules.defaults());

    private TriageResult classify(String subject, String body) {
        return classifier.classify(TriageInput.of("anna@customer.example", subject, body, OWN));
    }

    private TriageResult classify(TriageInput input) {
        return classifier.classify(input);
    }

    // ---- buying signals and explanations ---------------------------------------------------------

    @Test
    void explainsABuyingSignalByQuotingTheMatchedWords() {
        var result = classify("Desks", "Hello, can you send us a quote for 12 desks?");

        assertThat(result.category()).isEqualTo(Category.BUYING_SIGNAL);
        assertThat(result.explanation()).startsWith("buying signal: asks for a quote: 'send us a quote'");
        assertThat(result.confidence()).isBetween(0.8, 1.0);
        assertThat(result.matchedRules()).contains("buying.quote.ask.en");
    }

    @Test
    void recognisesPricingAvailabilityDemoAndRenewalRequests() {
        assertThat(classify("Chairs", "How much would it cost to replace 20 chairs?").category()).isEqualTo(Category.BUYING_SIGNAL);
        assertThat(classify("June", "Are you available in June to fit a counter?").category()).isEqualTo(Category.BUYING_SIGNAL);
        assertThat(classify("Software", "We'd like to see a demo next week.").category()).isEqualTo(Category.BUYING_SIGNAL);
        assertThat(classify("Contract", "Our contract ends in May and we'd like to renew it.").category()).isEqualTo(Category.BUYING_SIGNAL);
        assertThat(classify("Seats", "Can we add 5 more licences to our plan?").category()).isEqualTo(Category.BUYING_SIGNAL);
    }

    @Test
    void aKnownCustomerMakesAWeakBuyingSignalStronger() {
        var input = TriageInput.of("anna@customer.example", "Leeds", "We have a new hotel in Leeds coming up.", OWN);

        var unknown = classify(input);
        var customer = classify(input.withRelationship(Relationship.CUSTOMER));

        assertThat(customer.category()).isEqualTo(Category.BUYING_SIGNAL);
        assertThat(customer.confidence()).isGreaterThan(unknown.category() == Category.BUYING_SIGNAL ? unknown.confidence() : 0);
    }

    // ---- negation ----------------------------------------------------------------------------------

    @Test
    void aNegatedQuoteRequestIsSupport() {
        var result = classify("Desk", "We don't need a quote, just a fix: the desk is broken.");

        assertThat(result.category()).isEqualTo(Category.SUPPORT);
        assertThat(result.explanation()).contains("ignored 'need a quote': negated");
    }

    @Test
    void negationWorksAcrossAWrappedLineAndInEveryLanguage() {
        assertThat(classify("Drawer", "We don't\nneed a quote for anything, the drawer is broken.").category()).isEqualTo(Category.SUPPORT);
        assertThat(classify("Export", "Wir brauchen kein Angebot, der Export ist defekt.").category()).isEqualTo(Category.SUPPORT);
        assertThat(classify("Facture", "Nous n'avons pas besoin d'un devis, la facture comporte une erreur.").category())
                .isEqualTo(Category.SUPPORT);
        assertThat(classify("Envío", "No necesitamos presupuesto, el envío no funciona.").category()).isEqualTo(Category.SUPPORT);
    }

    @Test
    void aNegationInAnotherClauseDoesNotCancelTheRequest() {
        assertThat(classify("Shelves", "If not, please send us a quote for the shelves.").category()).isEqualTo(Category.BUYING_SIGNAL);
    }

    // ---- cold pitches ------------------------------------------------------------------------------

    @Test
    void aColdPitchOfferingUsAQuoteIsNotALead() {
        var result = classify("Your website", "We offer SEO services and I'd be happy to send you a free quote.");

        assertThat(result.category()).isEqualTo(Category.OTHER);
        assertThat(result.explanation()).contains("cold pitch");
    }

    @Test
    void coldPitchesInOtherLanguagesAreNotLeads() {
        assertThat(classify("SEO", "Gerne erstelle ich Ihnen ein unverbindliches Angebot für unsere Leistungen.").category())
                .isNotEqualTo(Category.BUYING_SIGNAL);
        assertThat(classify("Énergie", "Nous proposons un audit gratuit, je peux vous envoyer une offre personnalisée.").category())
                .isNotEqualTo(Category.BUYING_SIGNAL);
        assertThat(classify("Flota", "Le ofrecemos una auditoría gratuita. ¿Le envío una propuesta sin compromiso?").category())
                .isNotEqualTo(Category.BUYING_SIGNAL);
    }

    // ---- suppliers ---------------------------------------------------------------------------------

    @Test
    void aSupplierSendingTheirQuoteOrInvoiceIsSupplier() {
        assertThat(classify("Q-5512", "Please find attached our quotation no. Q-5512 for the glass panels.").category())
                .isEqualTo(Category.SUPPLIER);
        assertThat(classify("Rechnung", "Anbei erhalten Sie unsere Rechnung Nr. 2026-0311.").category()).isEqualTo(Category.SUPPLIER);
        assertThat(classify("Facture", "Veuillez trouver ci-joint la facture n° F-7781.").category()).isEqualTo(Category.SUPPLIER);
        assertThat(classify("Factura", "Les adjuntamos la factura n.º 118 del mes de febrero.").category()).isEqualTo(Category.SUPPLIER);
    }

    @Test
    void anInvoiceAttachmentAndAKnownSupplierPointToSupplier() {
        var input = TriageInput.of("accounts@timber.example", "Documents", "Here you go.", OWN)
                .withAttachments(List.of("Invoice-20931.pdf")).withRelationship(Relationship.SUPPLIER);

        assertThat(classify(input).category()).isEqualTo(Category.SUPPLIER);
    }

    // ---- support -----------------------------------------------------------------------------------

    @Test
    void aSupportRequestThatMentionsThePriceInPassingIsSupport() {
        var result = classify("Banners", "The banners arrived with the wrong colours. For the price we paid, please reprint them.");

        assertThat(result.category()).isEqualTo(Category.SUPPORT);
    }

    @Test
    void recognisesSupportInEveryLanguage() {
        assertThat(classify("Lizenz", "Die Lizenz funktioniert nicht mehr.").category()).isEqualTo(Category.SUPPORT);
        assertThat(classify("Réchaud", "Le réchaud ne fonctionne pas.").category()).isEqualTo(Category.SUPPORT);
        assertThat(classify("Portal", "El portal no funciona desde ayer.").category()).isEqualTo(Category.SUPPORT);
    }

    // ---- own domains and forwards ------------------------------------------------------------------

    @Test
    void aColleaguesMailIsInternalEvenWhenItTalksAboutAQuote() {
        var result = classify(TriageInput.of("mark@brightline.example", "Harlow", "Can you check the Harlow quote before I send it?", OWN));

        assertThat(result.category()).isEqualTo(Category.INTERNAL);
        assertThat(result.explanation()).contains("brightline.example");
    }

    @Test
    void aColleagueForwardingACustomersEnquiryIsABuyingSignal() {
        var body = """
                Can someone take this?

                ---------- Forwarded message ---------
                From: Owen <owen@price.example>
                Subject: Kitchen

                Could you give us an estimate for a staff kitchen?
                """;

        var result = classify(TriageInput.of("sarah@brightline.example", "Fwd: Kitchen", body, OWN));

        assertThat(result.category()).isEqualTo(Category.BUYING_SIGNAL);
        assertThat(result.explanation()).startsWith("buying signal: forwarded by a colleague: asks for a quote: 'give us an estimate'");
    }

    @Test
    void aColleagueForwardingANewsletterIsInternal() {
        var body = "Should we go?\n\n-------- Weitergeleitete Nachricht --------\nVon: expo@expo.example\n\nRegister now for your free ticket.\n";

        assertThat(classify(TriageInput.of("jane@brightline.example", "WG: Expo", body, OWN)).category()).isEqualTo(Category.INTERNAL);
    }

    @Test
    void aWebFormSentAsUsWithTheEnquirerAsReplyToIsReadAsTheirs() {
        var input = TriageInput.of("noreply@brightline.example", "Website enquiry", "Please send us a quote for shop fittings.", OWN)
                .withReplyTo("peter@nash.example");

        assertThat(classify(input).category()).isEqualTo(Category.BUYING_SIGNAL);
    }

    // ---- headers -----------------------------------------------------------------------------------

    @Test
    void headersDecideBeforeAnyPhrase() {
        var quote = TriageInput.of("fiona@grant.example", "Your quote", "Please send us a quote.", OWN);

        assertThat(classify(quote.withHeaders(Map.of("auto-submitted", "auto-replied"))).category()).isEqualTo(Category.AUTO_REPLY);
        assertThat(classify(quote.withHeaders(Map.of("x-autoreply", "yes"))).category()).isEqualTo(Category.AUTO_REPLY);
        assertThat(classify(quote.withHeaders(Map.of("content-type", "multipart/report; report-type=delivery-status"))).category())
                .isEqualTo(Category.AUTO_REPLY);
        assertThat(classify(quote.withHeaders(Map.of("return-path", "<>"))).category()).isEqualTo(Category.AUTO_REPLY);
        assertThat(classify(quote.withHeaders(Map.of("list-unsubscribe", "<mailto:u@x.example>"))).category()).isEqualTo(Category.BULK);
        assertThat(classify(quote.withHeaders(Map.of("precedence", "bulk"))).category()).isEqualTo(Category.BULK);
        assertThat(classify(quote.withHeaders(Map.of("list-id", "<news.x.example>"))).explanation()).contains("List-Id");
    }

    @Test
    void anOutOfOfficeSubjectMentioningAQuoteIsAnAutoReply() {
        assertThat(classify("Automatic reply: Your quote 2231", "I'm out of the office until Monday.").category())
                .isEqualTo(Category.AUTO_REPLY);
        assertThat(classify("Abwesenheitsnotiz: Angebot", "Ich bin nicht im Büro.").category()).isEqualTo(Category.AUTO_REPLY);
    }

    @Test
    void aNewsletterFooterWithoutListHeadersIsBulk() {
        assertThat(classify("This week", "Special pricing on chairs! To unsubscribe, click here.").category()).isEqualTo(Category.BULK);
    }

    // ---- threads and overrides ---------------------------------------------------------------------

    @Test
    void aThankYouInAQuoteThreadIsOtherBecauseQuotedHistoryIsIgnored() {
        var body = "Thanks, got it.\n\nOn Tue, 3 Mar 2026 at 10:12, Sarah <sarah@brightline.example> wrote:\n> Please send us a quote\n";

        var result = classify("Re: Quote for meeting rooms", body);

        assertThat(result.category()).isEqualTo(Category.OTHER);
    }

    @Test
    void aSenderOverrideWinsOverEveryRule() {
        var input = TriageInput.of("anna@customer.example", "Quote", "Please send us a quote.", OWN).withSenderOverride(Category.SUPPLIER);

        var result = classify(input);

        assertThat(result.category()).isEqualTo(Category.SUPPLIER);
        assertThat(result.explanation()).isEqualTo("supplier: matched: your override for this sender");
        assertThat(result.confidence()).isEqualTo(1.0);
    }

    @Test
    void anAdminEditReplacesOrDisablesADefaultRule() {
        var defaults = TriageRules.defaults();
        var quoteRule = defaults.all().stream().filter(r -> r.id().equals("buying.quote.ask.en")).findFirst().orElseThrow();
        var disabled = new TriageClassifier(defaults.with(List.of(new TriageRules.RuleEdit(quoteRule, false))));

        var result = disabled.classify(TriageInput.of("anna@customer.example", "Hello", "Send us a quote.", OWN));

        assertThat(result.matchedRules()).doesNotContain("buying.quote.ask.en");
    }
}
