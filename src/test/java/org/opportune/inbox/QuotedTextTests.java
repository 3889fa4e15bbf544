package org.opportune.inbox;

import org.junit.jupiter.api.Test;

import org.opportune.inbox.ShownMessage.TextPart;

import static org.assertj.core.api.Assertions.assertThat;

class QuotedTextTests {

    @Test
    void linesStartingWithAnAngleBracketAreQuoted() {
        var parts = QuotedText.split("Thanks, 40 it is.\n\n> How many desks?\n> Anna\n\nBest, Lena");

        assertThat(parts).containsExactly(new TextPart("Thanks, 40 it is.", false),
                new TextPart("> How many desks?\n> Anna", true), new TextPart("Best, Lena", false));
    }

    @Test
    void everythingAfterAnAttributionLineIsQuotedInEachLanguage() {
        for (var attribution : new String[] {"On Mon, 4 May 2026, Anna <anna@x.example> wrote:",
                "Am 04.05.2026 um 09:00 schrieb Anna Berg:", "Le lun. 4 mai 2026, Anna a écrit :",
                "El lun, 4 may 2026, Anna escribió:", "-----Original Message-----"}) {
            var parts = QuotedText.split("Sounds good.\n" + attribution + "\nOld text\nmore old text");

            assertThat(parts).as(attribution).hasSize(2);
            assertThat(parts.get(0)).isEqualTo(new TextPart("Sounds good.", false));
            assertThat(parts.get(1).quoted()).isTrue();
            assertThat(parts.get(1).text()).startsWith(attribution.strip()).endsWith("more old text");
        }
    }

    @Test
    void aMessageWithoutQuotesIsOnePart() {
        assertThat(QuotedText.split("Can you send us a quote for 12 licences?"))
                .containsExactly(new TextPart("Can you send us a quote for 12 licences?", false));
    }
}
