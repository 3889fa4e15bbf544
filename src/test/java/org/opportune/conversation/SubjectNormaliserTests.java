package org.opportune.conversation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectNormaliserTests {

    @ParameterizedTest(name = "[{0}] -> [{1}], reply {2}")
    @CsvSource(delimiter = '|', value = {
            "Quote for 40 chairs|Quote for 40 chairs|false",
            "Re: Quote for 40 chairs|Quote for 40 chairs|true",
            "RE: RE: re: Quote|Quote|true",
            "Fwd: Re: FW: Quote|Quote|true",
            "AW: WG: Angebot Stühle|Angebot Stühle|true",
            "SV: VS: Tilbud|Tilbud|true",
            "TR: RV: Réf. : Devis|Devis|true",
            "Réf: Devis|Devis|true",
            "Antw: Odp: Offerte|Offerte|true",
            "RE[2]: Quote|Quote|true",
            "Re^3: Quote|Quote|true",
            "Re(2): Quote|Quote|true",
            "Re [sales]: Quote|Quote|true",
            "[fedora-devel] Re: [fedora-devel] rawhide report|rawhide report|true",
            "[fedora-devel] rawhide report|rawhide report|false",
            "[Fwd: Quote]|Quote|true",
            "Quote (fwd)|Quote|true",
            "[foo] Fwd: [bar] Re: fw: b (fWd)  (fwd)|b|true",
            "re: [fwd: [fwd: re: [fwd: babylon]]]|babylon|true",
            "'  Re:   Quote \t for  chairs  '|Quote for chairs|true",
            "[xyz]|[xyz]|false",
            "Ad: Re: Ad: x|Ad: Re: Ad: x|false",
            "Reminder: Quote|Reminder: Quote|false",
            "Ref: order 42|Ref: order 42|false",
            "''|''|false",
            "Re:|''|true",
    })
    void reducesASubjectToItsBaseAndRecognisesReplies(String subject, String base, boolean reply) {
        var normalised = SubjectNormaliser.normalise(subject);

        assertThat(normalised.base()).isEqualTo(base);
        assertThat(normalised.reply()).isEqualTo(reply);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Quote|RE: QUOTE", "Angebot Stühle|aw: ANGEBOT STÜHLE"})
    void comparesBaseSubjectsIgnoringCase(String original, String reply) {
        assertThat(SubjectNormaliser.normalise(reply).key()).isEqualTo(SubjectNormaliser.normalise(original).key());
    }
}
