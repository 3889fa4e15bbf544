package org.opportune.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NavEntryTests {

    private final NavEntry pipeline = new NavEntry(20, "Pipeline", "/pipeline", "PIPELINE_VIEW", List.of("/opportunities"));

    @Test
    void anEntryIsHighlightedOnItsOwnPagesAndOnThePagesItCovers() {
        assertThat(pipeline.covers("/pipeline")).isTrue();
        assertThat(pipeline.covers("/opportunities")).isTrue();
        assertThat(pipeline.covers("/opportunities/42")).isTrue();
    }

    @Test
    void aPathThatOnlyStartsWithTheSameLettersIsNotCovered() {
        assertThat(pipeline.covers("/pipelines")).isFalse();
        assertThat(pipeline.covers("/opportunitiesx")).isFalse();
        assertThat(pipeline.covers("/inbox")).isFalse();
    }
}
