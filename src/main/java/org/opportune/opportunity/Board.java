package org.opportune.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The pipeline board for one person: a column per active stage, open stages first, then won and lost with
 * only those closed in the last {@code closedDays} days.
 *
 * @param valuesVisible whether the person may see deal values; when not, cards and totals carry none
 * @param stalledDays   after how many days without a change an open opportunity counts as stalled
 */
public record Board(List<Column> columns, boolean valuesVisible, int stalledDays, int closedDays, LocalDate today) {

    /**
     * One stage's column.
     *
     * @param count  how many opportunities match in this stage (may be more than the cards shown)
     * @param totals value per currency, sorted by currency; empty when values are not visible
     */
    public record Column(StageView stage, List<Card> cards, long count, Map<String, BigDecimal> totals) {

        public boolean truncated() {
            return count > cards.size();
        }
    }

    /**
     * @param daysInStage whole days since it entered its current stage
     * @param stalled     open and unchanged for at least the board's stalled days
     */
    public record Card(OpportunityView opportunity, long daysInStage, boolean stalled) {
    }
}
