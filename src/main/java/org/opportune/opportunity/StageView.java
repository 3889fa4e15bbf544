package org.opportune.opportunity;

import java.util.Comparator;

/**
 * A pipeline stage.
 *
 * @param key                stable identifier used by the API and the history ({@code proposal_sent})
 * @param defaultProbability percent, what a new or moved opportunity gets unless someone set its own
 */
public record StageView(String key, String name, int position, StageKind kind, int defaultProbability, boolean active) {

    /** The board's order of its columns: the open stages first, then the closed ones, each by position. */
    public static final Comparator<StageView> BOARD_ORDER =
            Comparator.comparing((StageView s) -> s.open() ? 0 : 1).thenComparing(StageView::position);

    public boolean open() {
        return kind == StageKind.OPEN;
    }

    public boolean closed() {
        return kind != StageKind.OPEN;
    }
}
