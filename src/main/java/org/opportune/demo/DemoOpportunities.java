package org.opportune.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import org.opportune.identity.IdentityService;
import org.opportune.identity.UserView;
import org.opportune.opportunity.NewOpportunity;
import org.opportune.opportunity.OpportunityFilter;
import org.opportune.opportunity.OpportunityService;
import org.opportune.opportunity.StageMove;
import org.opportune.shared.Actor;

/**
 * A few deals at different stages, from the demo mail's enquiries, so that the pipeline is not empty:
 * created once, when there is no opportunity at all.
 */
class DemoOpportunities {

    private final OpportunityService opportunities;
    private final IdentityService identity;
    private final String mailbox;
    private final Clock clock;

    DemoOpportunities(OpportunityService opportunities, IdentityService identity, String domain, Clock clock) {
        this.opportunities = opportunities;
        this.identity = identity;
        this.mailbox = "sales@" + domain;
        this.clock = clock;
    }

    /** @return how many opportunities were created (0 when there were some already) */
    int ensure() {
        var system = Actor.system();
        if (!opportunities.list(system, new OpportunityFilter(null, null, "all", 0)).isEmpty()) {
            return 0;
        }
        var today = LocalDate.now(clock.withZone(ZoneId.systemDefault()));
        var marlowe = opportunities.create(system, deal("Headboards and wardrobes for 42 guest rooms, Hotel Marlowe",
                "42 upholstered headboards with bedside shelves and lights, 42 built-in wardrobes, 6 suite wardrobes; "
                        + "installation over the winter closure.", "86400.00", "mailbox", mailbox, owner("priya"),
                "Call Oliver Grant to walk through quote Q-2320 before the tender deadline", today.plusDays(2), false));
        var qualified = opportunities.moveToStage(system, marlowe.id(), new StageMove("qualified", marlowe.version(), null, null, null));
        opportunities.moveToStage(system, marlowe.id(), new StageMove("proposal_sent", qualified.version(), null, null, null));
        var brightwater = opportunities.create(system, deal("Six more phone booths and a kitchen bar, Brightwater Cowork",
                "Another six phone booths of last year's design for the second floor, plus a kitchen bar with stools for eight.",
                "38500.00", "existing_customer", "Brightwater Cowork (phone booths 2025)", owner("tom"),
                "Send phone booth drawings and the kitchen bar layout to Nadia Hussain", today.plusDays(1), false));
        opportunities.moveToStage(system, brightwater.id(), new StageMove("qualified", brightwater.version(), null, null, null));
        opportunities.create(system, deal("Restaurant refurbishment in Cardiff", "Banquettes, tables and a bar front "
                        + "for a restaurant refurbishment; asks for quotes.", null, "mailbox", mailbox, null,
                "Reply with our restaurant portfolio and two dates for a site visit", today, true));
        return 3;
    }

    private @Nullable Long owner(String username) {
        return identity.findByUsername(username).map(UserView::id).orElse(null);
    }

    private static NewOpportunity deal(String title, String description, @Nullable String value, String source,
            String sourceDetail, @Nullable Long owner, String nextAction, LocalDate due, boolean unassigned) {
        return new NewOpportunity(title, description, null, null, value == null ? null : new BigDecimal(value), "GBP",
                source, sourceDetail, owner, unassigned || owner == null, null, nextAction, due, null, null, null);
    }
}
