package org.opportune.compose;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyTextTests {

    private static final String SIGNATURE = "-- \nAnna Berg\nSales";

    @Test
    void aTemplateFillsAnEmptyDraftAboveTheSignature() {
        var text = ReplyText.insert(ReplyText.withSignature(SIGNATURE), SIGNATURE, "Thanks for asking.");

        assertThat(text).isEqualTo("Thanks for asking.\n\n-- \nAnna Berg\nSales");
    }

    @Test
    void aTemplateGoesAfterWhatWasWrittenAndTheSignatureStaysLast() {
        var text = ReplyText.insert("Hello Lena,\r\n\r\n-- \r\nAnna Berg\r\nSales\r\n", SIGNATURE, "Our quote is attached.\n");

        assertThat(text).isEqualTo("Hello Lena,\n\nOur quote is attached.\n\n-- \nAnna Berg\nSales");
    }

    @Test
    void aDraftWithoutItsSignatureGetsTheTemplateAtTheEnd() {
        assertThat(ReplyText.insert("Hello,", SIGNATURE, "Thanks.")).isEqualTo("Hello,\n\nThanks.");
        assertThat(ReplyText.insert("", "", "Thanks.")).isEqualTo("Thanks.");
    }

    @Test
    void aSignatureIsStoredWithoutTheSeparatorAndTrailingBlanks() {
        assertThat(SignatureService.clean("-- \r\nAnna Berg   \r\nSales\r\n\r\n")).isEqualTo("Anna Berg\nSales");
        assertThat(SignatureService.clean("  ")).isEmpty();
    }
}
