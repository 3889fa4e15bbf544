package org.opportune.opportunity;

/**
 * A pipeline stage.
 *
 * @param key                stable identifier used by the API and the history ({@code proposal_sent})
 * @param defaultProbability percent, what a new or moved opportunity gets unless someone set its own
 */
public record StageView(String key, String name, int position, StageKind kind, int defaultProbability, boolean active) {

    public boolean open() {
        return kind == StageKind.OPEN;
    }

    public boolean closed() {
        return kind != StageKind.OPEN;
    }
}
