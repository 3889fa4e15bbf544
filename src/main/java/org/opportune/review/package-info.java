/**
 * The review queues that keep the pipeline honest: unassigned leads (buying-signal conversations and
 * opportunities nobody owns), overdue follow-ups (opportunities whose next action is past due, overdue
 * tasks), proposals waiting on the customer past their follow-up date, stale opportunities (unchanged for
 * {@code opportune.review.stale-days}) and conversations where the customer is waiting on us; as a daily and
 * a weekly preset. Managers (TEAM_REVIEW) see everyone's items, others their own and the unowned ones.
 * A leaf: it owns no tables and publishes no events; it reads the public APIs of {@code conversation},
 * {@code opportunity} and {@code task}, and its page acts through their services.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "web", "identity", "conversation", "opportunity", "task"})
package org.opportune.review;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
