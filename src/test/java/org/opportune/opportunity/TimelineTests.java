package org.opportune.opportunity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTests {

    @Test
    void writesEachChangedFieldFromBeforeToAfter() {
        var lines = Timeline.changes("{\"stage\":\"new_lead\",\"probability\":\"10\"}",
                "{\"stage\":\"qualified\",\"probability\":\"25\"}", true);

        assertThat(lines).containsExactly("stage: new_lead → qualified", "probability: 10 → 25");
    }

    @Test
    void leavesDealValuesOutForPeopleWhoMayNotSeeThem() {
        var hidden = Timeline.changes("{\"value\":\"100.00\",\"title\":\"Desks\"}", "{\"value\":\"200.00\",\"title\":\"Desks, oak\"}", false);
        var shown = Timeline.changes("{\"value\":\"100.00\"}", "{\"value\":\"200.00\"}", true);

        assertThat(hidden).containsExactly("title: Desks → Desks, oak");
        assertThat(shown).containsExactly("value: 100.00 → 200.00");
    }

    @Test
    void aNewFieldShowsItsValueAndAnEmptyOneSaysSo() {
        assertThat(Timeline.changes("{}", "{\"owner\":\"priya\"}", true)).containsExactly("owner: priya");
        assertThat(Timeline.changes("{\"owner\":\"\"}", "{\"owner\":\"tom\"}", true)).containsExactly("owner: (empty) → tom");
    }
}
