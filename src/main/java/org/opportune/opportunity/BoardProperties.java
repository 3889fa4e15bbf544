package org.opportune.opportunity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the pipeline board, prefix {@code opportune.board}.
 *
 * @param stalledDays  an open opportunity nobody changed for this many days is stalled
 * @param closedDays   the won and lost columns show what was closed in this many days
 * @param cardsPerColumn at most this many cards per column (the count still says how many there are)
 */
@ConfigurationProperties("opportune.board")
public record BoardProperties(@DefaultValue("14") int stalledDays, @DefaultValue("30") int closedDays,
        @DefaultValue("30") int cardsPerColumn) {
}
