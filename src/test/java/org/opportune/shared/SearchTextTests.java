package org.opportune.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a search becomes for PostgreSQL's full-text search: whole words for the index, the last word's start checked after. */
class SearchTextTests {

    @Test
    void theWholeWordsGoToTheIndexAndTheLastWordsStartIsCheckedOnWhatTheyFind() {
        var query = SearchText.wordQuery("Bluefield Logistics BV").orElseThrow();

        assertThat(query.words()).isEqualTo("bluefield & logistics");
        assertThat(query.prefix()).isEqualTo("bv:*");
        assertThat(query.condition("v")).isEqualTo(
                "v @@ to_tsquery('simple', :words) and ts_match_vq(v, to_tsquery('simple', :prefix))");
    }

    @Test
    void oneWordIsItsStartLookedUpInTheIndexAndAnAddressIsOneWord() {
        var word = SearchText.wordQuery("  Quote! ").orElseThrow();
        var address = SearchText.wordQuery("Jan.Kowalski@bluestone-43.example").orElseThrow();

        assertThat(word.words()).isEqualTo("quote:*");
        assertThat(word.prefix()).isEmpty();
        assertThat(word.condition("v")).isEqualTo("v @@ to_tsquery('simple', :words)");
        assertThat(address.words()).isEqualTo("'jan.kowalski@bluestone-43.example'");
        assertThat(address.prefix()).isEmpty();
        assertThat(SearchText.wordQuery(" -- ")).isEmpty();
    }

    @Test
    void aNumberIsLookedUpAlsoAsTheNegativeNumberPostgresReadsAfterAHyphen() {
        var quote = SearchText.wordQuery("Quote Q-2291").orElseThrow();
        var number = SearchText.wordQuery("2291 bar").orElseThrow();

        assertThat(quote.words()).isEqualTo("quote & q");
        assertThat(quote.prefix()).isEqualTo("(2291:* | -2291:*)");
        assertThat(number.words()).isEqualTo("(2291 | -2291)");
        assertThat(number.prefix()).isEqualTo("bar:*");
    }

    @Test
    void aDecimalNumberIsOneWordAsPostgresStoresIt() {
        var price = SearchText.wordQuery("12.50 EUR").orElseThrow();
        var total = SearchText.wordQuery("total 1,250.00").orElseThrow();

        assertThat(price.words()).isEqualTo("12.50");
        assertThat(price.prefix()).isEqualTo("eur:*");
        assertThat(total.words()).isEqualTo("total & (1 | -1)");
        assertThat(total.prefix()).isEqualTo("250.00:*");
    }
}
