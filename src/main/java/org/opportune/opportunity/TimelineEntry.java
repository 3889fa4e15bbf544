package org.opportune.opportunity;

import java.time.Instant;
import java.util.List;

/**
 * One entry of an opportunity's timeline, from the activity trail, readable: who did what and which
 * fields changed from what to what (deal values left out for people who may not see them).
 */
public record TimelineEntry(Instant at, String actor, String action, List<String> changes) {
}
