package org.opportune.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.opportune.conversation.ConversationRuleException;
import org.opportune.conversation.ConversationService;
import org.opportune.conversation.ConversationWork;
import org.opportune.identity.IdentityService;
import org.opportune.identity.UserView;
import org.opportune.mail.MailMessages;
import org.opportune.opportunity.NewOpportunity;
import org.opportune.opportunity.OpportunityDraft;
import org.opportune.opportunity.OpportunityFilter;
import org.opportune.opportunity.OpportunityService;
import org.opportune.opportunity.OpportunityView;
import org.opportune.opportunity.Outcome;
import org.opportune.opportunity.StageMove;
import org.opportune.shared.Actor;

/**
 * A few deals at different stages, from the demo mail's enquiries, so that the pipeline is not empty:
 * created once, when there is no opportunity at all. Each deal is made from its conversation, as a
 * person would: it waits (in the background, at most {@link #WAIT}) until the demo mail is synced and
 * threaded, then links the conversation and its customer, and gives the conversation to the deal's owner.
 * Mail that never arrives leaves the deal without its links rather than without the deal.
 */
class DemoOpportunities {

    static final Duration WAIT = Duration.ofSeconds(90);

    private static final Logger log = LoggerFactory.getLogger(DemoOpportunities.class);

    /** A demo deal: the subject of the enquiry it comes from, and what the owner made of it. */
    record Deal(String subject, String title, String description, @Nullable String value, @Nullable String owner,
            String nextAction, int dueInDays, List<String> stages, @Nullable Outcome outcome, @Nullable String outcomeNote) {
    }

    static final List<Deal> DEALS = List.of(
            new Deal("RFQ: headboards and wardrobes for 42 guest rooms", "Headboards and wardrobes for 42 guest rooms, Hotel Marlowe",
                    "42 upholstered headboards with bedside shelves and lights, 42 built-in wardrobes, 6 suite wardrobes; "
                            + "installation over the winter closure.", "86400.00", "priya",
                    "Call Oliver Grant to walk through quote Q-2324 and the 5 % he asked for", 2,
                    List.of("qualified", "proposal_sent"), null, null),
            new Deal("Second floor - more phone booths like last year's", "Six more phone booths and a kitchen bar, Brightwater Cowork",
                    "Another six phone booths of last year's design for the second floor, plus a kitchen bar with stools for eight.",
                    "38500.00", "tom", "Send phone booth drawings and the kitchen bar layout to Nadia Hussain", 1,
                    List.of("qualified"), null, null),
            new Deal("Restaurant refurbishment in Cardiff", "Restaurant refurbishment in Cardiff, Salt & Ember",
                    "Booth seating along the window wall, a bigger bar front and a host stand for a 60-cover grill "
                            + "restaurant in Cardiff Bay; two weeks in January; budget around £35-40k.", null, null,
                    "Reply with our restaurant portfolio and two dates for a site visit", 0, List.of(), null, null),
            new Deal("Quote Q-2291 - bar counter and back shelving", "Oak bar counter and back shelving, The Copper Kettle",
                    "Option B of quote Q-2291: oak counter with the zinc top, back shelving in painted ash.", "14200.00",
                    "marco", "Agree the installation dates (a Monday and Tuesday) with Ruth Evans", 1, List.of(),
                    Outcome.WON, "Ruth accepted option B by email."));

    private final OpportunityService opportunities;
    private final IdentityService identity;
    private final MailMessages messages;
    private final ConversationService conversations;
    private final ConversationWork work;
    private final String mailbox;
    private final Clock clock;
    private final AtomicBoolean started = new AtomicBoolean();

    DemoOpportunities(OpportunityService opportunities, IdentityService identity, MailMessages messages,
            ConversationService conversations, ConversationWork work, String domain, Clock clock) {
        this.opportunities = opportunities;
        this.identity = identity;
        this.messages = messages;
        this.conversations = conversations;
        this.work = work;
        this.mailbox = "sales@" + domain;
        this.clock = clock;
    }

    /** Starts {@link #ensure} on a thread of its own, once per start of the app, so that the app is up meanwhile. */
    void ensureInBackground() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        var thread = new Thread(() -> {
            try {
                ensure();
            } catch (RuntimeException e) {
                log.warn("The demo deals could not be created", e);
            }
        }, "demo-opportunities");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return how many opportunities were created (0 when there were some already) */
    int ensure() {
        var system = Actor.system();
        if (!opportunities.list(system, new OpportunityFilter(null, null, "all", 0)).isEmpty()) {
            return 0;
        }
        var drafts = awaitDrafts();
        if (!opportunities.list(system, new OpportunityFilter(null, null, "all", 0)).isEmpty()) {
            return 0;
        }
        var today = LocalDate.now(clock.withZone(ZoneId.systemDefault()));
        for (var deal : DEALS) {
            create(deal, drafts.get(deal), today);
        }
        return DEALS.size();
    }

    private void create(Deal deal, @Nullable OpportunityDraft draft, LocalDate today) {
        var system = Actor.system();
        var owner = deal.owner() == null ? null : identity.findByUsername(deal.owner()).map(UserView::id).orElse(null);
        var created = opportunities.create(system, new NewOpportunity(deal.title(), deal.description(),
                draft == null ? null : draft.companyId(), draft == null ? null : draft.contactId(),
                deal.value() == null ? null : new BigDecimal(deal.value()), "GBP", "mailbox", mailbox, owner,
                owner == null, null, deal.nextAction(), today.plusDays(deal.dueInDays()), null, null,
                draft == null ? null : draft.conversationId()));
        OpportunityView current = created;
        for (var stage : deal.stages()) {
            current = opportunities.moveToStage(system, current.id(), new StageMove(stage, current.version(), null, null, null));
        }
        if (deal.outcome() != null) {
            opportunities.close(system, current.id(), deal.outcome(), current.version(), null, deal.outcomeNote(), null);
        }
        if (draft != null && draft.conversationId() != null && owner != null) {
            try {
                work.assign(system, true, draft.conversationId(), owner, null, "Owns the deal");
            } catch (ConversationRuleException e) {
                log.info("Demo conversation {} keeps its owner: {}", draft.conversationId(), e.getMessage());
            }
        }
    }

    /** Each deal's draft from its conversation, once the demo mail is threaded and its sender known as a customer. */
    private Map<Deal, OpportunityDraft> awaitDrafts() {
        var deadline = System.nanoTime() + WAIT.toNanos();
        var drafts = new LinkedHashMap<Deal, OpportunityDraft>();
        while (true) {
            for (var deal : DEALS) {
                if (!drafts.containsKey(deal)) {
                    draftOf(deal).ifPresent(draft -> drafts.put(deal, draft));
                }
            }
            if (drafts.size() == DEALS.size() || System.nanoTime() > deadline) {
                if (drafts.size() < DEALS.size()) {
                    log.warn("The demo mail of {} deal(s) did not arrive within {}: created without their conversation",
                            DEALS.size() - drafts.size(), WAIT);
                }
                return drafts;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return drafts;
            }
        }
    }

    private java.util.Optional<OpportunityDraft> draftOf(Deal deal) {
        // The subject can be quoted elsewhere too (a bounce quotes it): the first conversation with a customer is the deal's.
        return messages.search(deal.subject(), 10).stream()
                .flatMap(id -> conversations.conversationOf(id).stream())
                .distinct()
                .map(conversationId -> opportunities.draftFromConversation(Actor.system(), conversationId))
                .filter(draft -> draft.contactId() != null)
                .findFirst();
    }
}
