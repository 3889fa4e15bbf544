package org.opportune.opportunity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.activity.ActivityFilter;
import org.opportune.activity.ActivityService;
import org.opportune.conversation.ConversationNotFoundException;
import org.opportune.conversation.ConversationService;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Permission;
import org.opportune.identity.UserNotFoundException;
import org.opportune.identity.UserView;
import org.opportune.mail.MailboxNotFoundException;
import org.opportune.mail.MailboxService;
import org.opportune.opportunity.OpportunityEvents.AssignmentKind;
import org.opportune.opportunity.OpportunityEvents.ConversationLinked;
import org.opportune.opportunity.OpportunityEvents.ConversationUnlinked;
import org.opportune.opportunity.OpportunityEvents.OpportunityAssigned;
import org.opportune.opportunity.OpportunityEvents.OpportunityCreated;
import org.opportune.opportunity.OpportunityEvents.OpportunityStageChanged;
import org.opportune.opportunity.OpportunityEvents.OpportunityUpdated;
import org.opportune.shared.Actor;
import org.opportune.triage.Category;
import org.opportune.triage.TriageService;

/**
 * Opportunities for pages, the API and other modules. Every rule is checked here, so the pages and the API
 * behave alike: permissions (read PIPELINE_VIEW, change INBOX_WORK, assign WORK_ASSIGN or the owner, deal
 * values DEAL_VALUES_VIEW), one owner, a concrete and dated next action, reasons on close, explicit
 * reopen, and optimistic locking: a change made against an old version is refused with what changed since.
 * Every change publishes an audited event, so it is in the activity trail with before → after.
 */
@Service
@Transactional
public class OpportunityService {

    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^(?:\\s*(?:re|fwd?|aw|wg|sv|vs|tr|rv|antw|odp)\\s*(?:\\[\\d+])?\\s*[:：]\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Map<String, String> LABELS = labels();

    private final OpportunityStore store;
    private final StageStore stages;
    private final OpportunityQueries queries;
    private final CustomerDirectory customers;
    private final IdentityService identity;
    private final ConversationService conversations;
    private final MailboxService mailboxes;
    private final TriageService triage;
    private final ActivityService activity;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final OpportunityRules rules;
    private final TransactionTemplate newTransaction;
    private final BoardQueries boardQueries;
    private final BoardProperties board;

    OpportunityService(OpportunityStore store, StageStore stages, OpportunityQueries queries, CustomerDirectory customers,
            IdentityService identity, ConversationService conversations, MailboxService mailboxes, TriageService triage,
            ActivityService activity, ApplicationEventPublisher events, Clock clock, OpportunityProperties properties,
            PlatformTransactionManager transactions, BoardQueries boardQueries, BoardProperties board) {
        this.store = store;
        this.stages = stages;
        this.queries = queries;
        this.customers = customers;
        this.identity = identity;
        this.conversations = conversations;
        this.mailboxes = mailboxes;
        this.triage = triage;
        this.activity = activity;
        this.events = events;
        this.clock = clock;
        this.rules = new OpportunityRules(properties, clock);
        this.newTransaction = new TransactionTemplate(transactions);
        this.boardQueries = boardQueries;
        this.board = board;
    }

    // --- reading ---

    @Transactional(readOnly = true)
    public OpportunityView opportunity(Actor viewer, long id) {
        var caller = caller(viewer);
        caller.require(Permission.PIPELINE_VIEW, "see the pipeline");
        return view(caller, load(id), new Names());
    }

    /** One page of opportunities (100), most urgent next action first for open ones. */
    @Transactional(readOnly = true)
    public List<OpportunityView> list(Actor viewer, OpportunityFilter filter) {
        var caller = caller(viewer);
        caller.require(Permission.PIPELINE_VIEW, "see the pipeline");
        var names = new Names();
        return store.findAll(queries.ids(filter, viewer.userId())).stream().map(o -> view(caller, o, names)).toList();
    }

    /**
     * Open opportunities for the review queues (overdue, waiting past their follow-up, stale, unowned): the
     * first {@code query.limit()}, most urgent next action first, and how many match in all.
     */
    @Transactional(readOnly = true)
    public OpenOpportunities openOpportunities(Actor viewer, OpenOpportunityQuery query) {
        var caller = caller(viewer);
        caller.require(Permission.PIPELINE_VIEW, "see the pipeline");
        var names = new Names();
        var found = query.limit() == 0 ? List.<Opportunity>of() : store.findAll(queries.openIds(query));
        names.preload(customers, found);
        var items = found.stream().map(o -> view(caller, o, names)).toList();
        return new OpenOpportunities(items, queries.countOpen(query));
    }

    /**
     * The pipeline board: a column per active stage (open ones, then won and lost with only those closed in
     * the last {@link BoardProperties#closedDays()} days), each with its count and, for people who may see
     * deal values, its value per currency.
     */
    @Transactional(readOnly = true)
    public Board board(Actor viewer, BoardFilter filter) {
        var caller = caller(viewer);
        caller.require(Permission.PIPELINE_VIEW, "see the pipeline");
        var now = clock.instant();
        var today = rules.today();
        var stalledBefore = now.minus(Duration.ofDays(board.stalledDays()));
        var closedSince = now.minus(Duration.ofDays(board.closedDays()));
        var visible = caller.can(Permission.DEAL_VALUES_VIEW);
        var counts = new HashMap<String, Long>();
        var totals = new HashMap<String, java.util.TreeMap<String, BigDecimal>>();
        for (var t : boardQueries.totals(filter, viewer.userId(), today, stalledBefore, closedSince)) {
            counts.merge(t.stageKey(), t.count(), Long::sum);
            if (visible && t.sum() != null) {
                totals.computeIfAbsent(t.stageKey(), k -> new java.util.TreeMap<>()).merge(t.currency(), t.sum(), BigDecimal::add);
            }
        }
        var active = stages.all().stream().filter(StageView::active)
                .sorted(StageView.BOARD_ORDER)
                .toList();
        var names = new Names();
        var loaded = new LinkedHashMap<String, List<Opportunity>>();
        var allIds = new ArrayList<Long>();
        for (var stage : active) {
            var ids = counts.containsKey(stage.key()) ? boardQueries.ids(stage, filter, viewer.userId(), today,
                    stalledBefore, closedSince, board.cardsPerColumn()) : List.<Long>of();
            allIds.addAll(ids);
            loaded.put(stage.key(), ids.isEmpty() ? List.of() : store.findAll(ids));
        }
        names.preload(customers, loaded.values().stream().flatMap(List::stream).toList());
        var entered = boardQueries.enteredCurrentStage(allIds);
        var columns = new ArrayList<Board.Column>();
        for (var stage : active) {
            var cards = loaded.get(stage.key()).stream().map(o -> new Board.Card(view(caller, o, names),
                    Math.max(0, Duration.between(entered.getOrDefault(o.id(), o.createdAt), now).toDays()),
                    o.isOpen() && o.updatedAt.isBefore(stalledBefore))).toList();
            columns.add(new Board.Column(stage, cards, counts.getOrDefault(stage.key(), 0L),
                    java.util.Collections.unmodifiableMap(totals.getOrDefault(stage.key(), new java.util.TreeMap<>()))));
        }
        return new Board(columns, visible, board.stalledDays(), board.closedDays(), today);
    }

    /** The addresses of the mailboxes, for the board's mailbox filter. */
    @Transactional(readOnly = true)
    public List<String> mailboxAddresses() {
        return mailboxes.mailboxes().stream().map(m -> m.address()).sorted().toList();
    }

    /**
     * For list rows: the stage name of each conversation's opportunity (an open one first, else the
     * latest), by conversation id; conversations without one are left out. No values, no permission needed
     * beyond reading the inbox.
     */
    @Transactional(readOnly = true)
    public Map<Long, String> stageOfConversations(Collection<Long> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        var names = stages.all().stream().collect(java.util.stream.Collectors.toMap(StageView::key, StageView::name));
        var result = new LinkedHashMap<Long, String>();
        for (var row : store.stagesOfConversations(conversationIds)) {
            result.putIfAbsent(row.conversationId(), names.getOrDefault(row.stageKey(), row.stageKey()));
        }
        return result;
    }

    /** The ids of the opportunities a conversation is linked to: for the conversation's page. */
    @Transactional(readOnly = true)
    public List<Long> opportunitiesOfConversation(long conversationId) {
        return store.opportunitiesOfConversation(conversationId);
    }

    @Transactional(readOnly = true)
    public List<LinkedConversation> conversations(Actor viewer, long id) {
        caller(viewer).require(Permission.PIPELINE_VIEW, "see the pipeline");
        load(id);
        return store.conversationsOf(id).stream()
                .map(c -> conversations.overview(c)
                        .map(o -> new LinkedConversation(c, o.subject(), o.messageCount(), o.lastMessageAt()))
                        .orElse(new LinkedConversation(c, null, 0, null)))
                .toList();
    }

    /** The stages it went through, oldest first, with the time spent in each (the current one until now). */
    @Transactional(readOnly = true)
    public List<StageHistoryEntry> history(Actor viewer, long id) {
        caller(viewer).require(Permission.PIPELINE_VIEW, "see the pipeline");
        load(id);
        var now = clock.instant();
        var names = stageNames();
        return store.history(id).stream()
                .map(h -> new StageHistoryEntry(h.stageKey(), names.getOrDefault(h.stageKey(), h.stageKey()),
                        h.enteredAt(), h.leftAt(), Duration.between(h.enteredAt(), h.leftAt() == null ? now : h.leftAt()),
                        h.enteredBy()))
                .toList();
    }

    /** The opportunity's entries of the activity trail, newest first, with deal values left out where the viewer may not see them. */
    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(Actor viewer, long id) {
        var caller = caller(viewer);
        caller.require(Permission.PIPELINE_VIEW, "see the pipeline");
        load(id);
        var entries = activity.page(new ActivityFilter(null, null, OpportunityEvents.OPPORTUNITY, Long.toString(id),
                null, null), 0).entries();
        return entries.stream().map(e -> new TimelineEntry(e.occurredAt(), e.actorName(), e.action(),
                Timeline.changes(e.beforeJson(), e.afterJson(), caller.can(Permission.DEAL_VALUES_VIEW)))).toList();
    }

    /** Active users who may work the inbox, by name: whom an opportunity can be assigned to. */
    @Transactional(readOnly = true)
    public List<AssignableUser> assignableUsers() {
        return identity.users().stream().filter(UserView::active).filter(u -> u.role().has(Permission.INBOX_WORK))
                .map(u -> new AssignableUser(u.id(), u.username(), u.displayName())).toList();
    }

    /** The configured lost reasons, key → label. */
    public Map<String, String> lostReasons() {
        return rules.lostReasons();
    }

    public String defaultCurrency() {
        return rules.defaultCurrency();
    }

    /** Today where due dates are counted, for forms. */
    public java.time.LocalDate today() {
        return rules.today();
    }

    /**
     * A new opportunity's form filled in from a conversation: its subject without Re:/Fwd:, the mailbox its
     * first message arrived in, the buying-signal explanation of triage, the customer where known.
     *
     * @throws ConversationNotFoundException when there is no such conversation
     */
    @Transactional(readOnly = true)
    public OpportunityDraft draftFromConversation(Actor viewer, long conversationId) {
        caller(viewer).require(Permission.INBOX_WORK, "create opportunities");
        var conversation = conversations.overview(conversationId)
                .orElseThrow(() -> ConversationNotFoundException.forId(conversationId));
        var title = cleanSubject(conversation.subject());
        String mailbox = null;
        String description = null;
        String sender = null;
        if (!conversation.messages().isEmpty()) {
            var first = conversation.messages().get(0);
            sender = first.fromAddress();
            try {
                mailbox = mailboxes.mailbox(first.mailboxId()).address();
            } catch (MailboxNotFoundException e) {
                mailbox = null;
            }
            for (var message : conversation.messages()) {
                var triaged = triage.triage(message.messageId()).orElse(null);
                if (triaged != null && triaged.category() == Category.BUYING_SIGNAL) {
                    description = "From " + message.fromAddress() + ": " + triaged.explanation();
                    break;
                }
            }
        }
        var customer = customers.customerOfConversation(conversationId).orElse(new CustomerDirectory.Customer(null, null));
        var nextAction = sender == null ? "Reply to the enquiry '" + title + "'"
                : "Reply to " + sender + " about '" + title + "'";
        return new OpportunityDraft(conversationId, title, description, customer.companyId(), customer.contactId(),
                rules.defaultCurrency(), mailbox == null ? Source.OTHER : Source.MAILBOX, mailbox,
                cut(nextAction, 500), rules.today().plusDays(1));
    }

    /** "Mark Jennings, Clearline Contact": the customer behind these ids, in words, or empty. */
    @Transactional(readOnly = true)
    public String customerLabel(@Nullable Long companyId, @Nullable Long contactId) {
        var parts = new ArrayList<String>();
        var contact = customers.contactName(contactId);
        var company = customers.companyName(companyId);
        if (contact != null) {
            parts.add(contact);
        }
        if (company != null) {
            parts.add(company);
        }
        return String.join(", ", parts);
    }

    /** An empty form for an opportunity made by hand. */
    public OpportunityDraft blankDraft() {
        return new OpportunityDraft(null, "", null, null, null, rules.defaultCurrency(), Source.MAILBOX, null, "",
                rules.today().plusDays(1));
    }

    // --- changing ---

    public OpportunityView create(Actor actor, NewOpportunity command) {
        var caller = caller(actor);
        caller.require(Permission.INBOX_WORK, "create opportunities");
        var all = stages.all();
        var errors = new LinkedHashMap<String, String>();
        var stage = OpportunityRules.leadStage(all);
        if (command.stage() != null && !command.stage().isBlank()) {
            var chosen = all.stream().filter(s -> s.key().equals(command.stage().strip()) && s.active()).findFirst();
            if (chosen.isEmpty() || !chosen.get().open()) {
                errors.put("stage", "Start it in one of the open stages: " + String.join(", ",
                        all.stream().filter(StageView::active).filter(StageView::open).map(StageView::key).toList()) + ".");
            } else {
                stage = chosen.get();
            }
        }
        var now = clock.instant();
        Source source;
        try {
            source = command.source() == null || command.source().isBlank() ? Source.OTHER : Source.parse(command.source());
        } catch (OpportunityRuleException e) {
            errors.putAll(e.errors());
            source = Source.OTHER;
        }
        var o = new Opportunity(strip(command.title()), OpportunityRules.currency(command.currency(), rules.defaultCurrency()),
                source, stage.key(), stage.defaultProbability(), now, actor.userId());
        o.description = blankToNull(command.description());
        o.companyId = command.companyId();
        o.contactId = command.contactId();
        o.sourceDetail = blankToNull(command.sourceDetail());
        if (command.value() != null) {
            if (!caller.can(Permission.DEAL_VALUES_VIEW)) {
                errors.put("value", "Your role may not see or set deal values; leave the value to someone who can.");
            }
            o.setValue(command.value());
        }
        if (command.probability() != null) {
            o.setProbability(command.probability(), stage.defaultProbability());
        }
        o.nextAction = blankToNull(command.nextAction());
        o.nextActionDue = command.nextActionDue();
        o.expectedClose = command.expectedClose();
        UserView assignee = null;
        if (command.unassigned()) {
            o.ownerId = null;
        } else if (command.ownerId() != null && !command.ownerId().equals(actor.userId())) {
            if (!caller.can(Permission.WORK_ASSIGN)) {
                errors.put("owner", "Only someone who assigns work (a manager) can create an opportunity for someone else.");
            }
            assignee = assignee(command.ownerId(), errors);
            o.ownerId = assignee == null ? null : assignee.id();
        } else {
            o.ownerId = actor.userId();
        }
        rules.checkNextAction(o.nextAction, errors);
        rules.checkDue(o.nextActionDue, errors);
        rules.checkState(o, stage, all, errors);
        checkCustomer(o.companyId, o.contactId, errors);
        if (command.conversationId() != null && conversations.overview(command.conversationId()).isEmpty()) {
            errors.put("conversationId", "There is no conversation " + command.conversationId() + " to link.");
        }
        OpportunityRules.throwIfAny(errors);

        var id = store.insert(o);
        store.enterStage(id, stage.key(), actor, now);
        if (command.conversationId() != null) {
            store.link(id, command.conversationId(), actor, now);
        }
        var after = new LinkedHashMap<String, Object>();
        after.put("title", o.title);
        after.put("stage", stage.key());
        after.put("owner", o.ownerId == null ? "" : username(o.ownerId));
        after.put("source", o.source.key());
        putIfNotNull(after, "sourceDetail", o.sourceDetail);
        putIfNotNull(after, "value", Opportunity.text(o.value));
        after.put("currency", o.currency);
        putIfNotNull(after, "nextAction", o.nextAction);
        putIfNotNull(after, "nextActionDue", Opportunity.text(o.nextActionDue));
        putIfNotNull(after, "conversationId", command.conversationId());
        events.publishEvent(new OpportunityCreated(actor, id, o.ownerId, stage.key(), command.conversationId(), after));
        if (assignee != null) {
            events.publishEvent(new OpportunityAssigned(actor, id, null, null, assignee.id(), assignee.username(),
                    AssignmentKind.ASSIGNED, null));
        }
        return view(caller, o, new Names());
    }

    /**
     * Changes the fields named in the edit.
     *
     * @throws StaleOpportunityException when the opportunity changed since {@code edit.version()}
     */
    public OpportunityView update(Actor actor, long id, OpportunityEdit edit) {
        var caller = caller(actor);
        caller.require(Permission.INBOX_WORK, "change opportunities");
        var o = loadForUpdate(id);
        checkVersion(caller, o, edit.version());
        checkMayChange(caller, o);
        var errors = new LinkedHashMap<String, String>();
        var all = stages.all();
        var stage = stageOf(o, all);
        if (edit.has("title")) {
            o.setTitle(strip(edit.title()));
        }
        if (edit.has("description")) {
            o.setDescription(blankToNull(edit.description()));
        }
        if (edit.has("companyId")) {
            var before = o.changes().size();
            o.setCompanyId(edit.companyId());
            if (o.changes().size() > before) {
                checkCustomer(o.companyId, null, errors);
            }
        }
        if (edit.has("contactId")) {
            var before = o.changes().size();
            o.setContactId(edit.contactId());
            if (o.changes().size() > before) {
                checkCustomer(null, o.contactId, errors);
            }
        }
        if (edit.has("value")) {
            var before = o.changes().size();
            o.setValue(edit.value());
            if (o.changes().size() > before && !caller.can(Permission.DEAL_VALUES_VIEW)) {
                errors.put("value", "Your role may not see or change deal values.");
            }
        }
        if (edit.has("currency")) {
            o.setCurrency(OpportunityRules.currency(edit.currency(), rules.defaultCurrency()));
        }
        if (edit.has("source")) {
            try {
                o.setSource(edit.source() == null || edit.source().isBlank() ? Source.OTHER : Source.parse(edit.source()));
            } catch (OpportunityRuleException e) {
                errors.putAll(e.errors());
            }
        }
        if (edit.has("sourceDetail")) {
            o.setSourceDetail(blankToNull(edit.sourceDetail()));
        }
        if (edit.has("expectedClose")) {
            o.setExpectedClose(edit.expectedClose());
        }
        if (edit.has("probability")) {
            o.setProbability(edit.probability(), stage.defaultProbability());
        }
        var actionChanged = edit.has("nextAction") && !java.util.Objects.equals(blankToNull(edit.nextAction()), o.nextAction);
        var dueChanged = edit.has("nextActionDue") && !java.util.Objects.equals(edit.nextActionDue(), o.nextActionDue);
        if ((actionChanged || dueChanged) && !o.isOpen()) {
            errors.put(actionChanged ? "nextAction" : "nextActionDue",
                    "It is closed, so it has no next action. Reopen it to plan one.");
        } else {
            if (actionChanged) {
                o.setNextAction(blankToNull(edit.nextAction()));
                rules.checkNextAction(o.nextAction, errors);
            }
            if (dueChanged) {
                o.setNextActionDue(edit.nextActionDue());
                rules.checkDue(o.nextActionDue, errors);
            }
        }
        rules.checkState(o, stage, all, errors);
        OpportunityRules.throwIfAny(errors);
        if (o.changes().isEmpty()) {
            return view(caller, o, new Names());
        }
        var changes = o.changes();
        save(o, actor);
        events.publishEvent(new OpportunityUpdated(actor, id, side(changes, true), side(changes, false)));
        return view(caller, o, new Names());
    }

    /**
     * Moves it to another stage: into an open stage, or closes it as won (needs a value) or lost (needs a
     * reason). A closed opportunity does not move: it needs {@link #reopen}.
     */
    public OpportunityView moveToStage(Actor actor, long id, StageMove move) {
        var caller = caller(actor);
        caller.require(Permission.INBOX_WORK, "change opportunities");
        var o = loadForUpdate(id);
        checkVersion(caller, o, move.version());
        checkMayChange(caller, o);
        var all = stages.all();
        var target = all.stream().filter(s -> s.key().equals(move.stage()) && s.active()).findFirst()
                .orElseThrow(() -> OpportunityRuleException.of("stage", "There is no active stage '" + move.stage()
                        + "'. Use one of: " + String.join(", ", all.stream().filter(StageView::active).map(StageView::key).toList()) + "."));
        var from = stageOf(o, all);
        if (!o.isOpen()) {
            throw OpportunityRuleException.of("stage", "It is closed (" + from.name() + "). Reopen it first: choose an "
                    + "open stage and a new next action.");
        }
        if (target.key().equals(o.stageKey)) {
            return view(caller, o, new Names());
        }
        var errors = new LinkedHashMap<String, String>();
        var now = clock.instant();
        switch (target.kind()) {
            case OPEN -> o.enterStage(target);
            case WON -> {
                if (move.value() != null && !caller.can(Permission.DEAL_VALUES_VIEW)) {
                    errors.put("value", "Your role may not see or set deal values; ask someone who can to record the win.");
                }
                rules.checkWon(move.value() != null ? move.value() : o.value, errors);
                if (move.value() != null) {
                    o.setValue(move.value());
                }
                o.enterStage(target);
                o.close(Outcome.WON, null, blankToNull(move.note()), now);
            }
            case LOST -> {
                rules.checkLost(move.lostReason(), move.note(), errors);
                o.enterStage(target);
                o.close(Outcome.LOST, move.lostReason() == null ? null : move.lostReason().strip(),
                        blankToNull(move.note()), now);
            }
        }
        rules.checkState(o, target, all, errors);
        OpportunityRules.throwIfAny(errors);
        var changes = o.changes();
        save(o, actor);
        store.enterStage(id, target.key(), actor, now);
        events.publishEvent(new OpportunityStageChanged(actor, id, from.key(), target.key(), o.outcome, false,
                side(changes, true), side(changes, false)));
        return view(caller, o, new Names());
    }

    /** Closes it as won (into the won stage, with a value) or lost (into the first lost stage, with a reason). */
    public OpportunityView close(Actor actor, long id, Outcome outcome, int version, @Nullable String lostReason,
            @Nullable String note, @Nullable BigDecimal value) {
        var kind = outcome == Outcome.WON ? StageKind.WON : StageKind.LOST;
        var stage = stages.all().stream().filter(StageView::active).filter(s -> s.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("the pipeline has no active " + kind.label() + " stage"));
        return moveToStage(actor, id, new StageMove(stage.key(), version, value, lostReason, note));
    }

    /** Brings a closed opportunity back into an open stage with a new, concrete, dated next action. */
    public OpportunityView reopen(Actor actor, long id, int version, String stageKey, @Nullable String nextAction,
            java.time.@Nullable LocalDate nextActionDue) {
        var caller = caller(actor);
        caller.require(Permission.INBOX_WORK, "change opportunities");
        var o = loadForUpdate(id);
        checkVersion(caller, o, version);
        checkMayChange(caller, o);
        if (o.isOpen()) {
            throw OpportunityRuleException.of("", "It is open already; move it to another stage instead.");
        }
        var all = stages.all();
        var errors = new LinkedHashMap<String, String>();
        var target = all.stream().filter(s -> s.key().equals(stageKey) && s.active() && s.open()).findFirst();
        if (target.isEmpty()) {
            errors.put("stage", "Choose the open stage it goes back to: " + String.join(", ",
                    all.stream().filter(StageView::active).filter(StageView::open).map(StageView::key).toList()) + ".");
        }
        rules.checkNextAction(nextAction, errors);
        rules.checkDue(nextActionDue, errors);
        OpportunityRules.throwIfAny(errors);
        var from = o.stageKey;
        o.reopen();
        o.enterStage(target.get());
        o.setNextAction(nextAction == null ? null : nextAction.strip());
        o.setNextActionDue(nextActionDue);
        rules.checkState(o, target.get(), all, errors);
        OpportunityRules.throwIfAny(errors);
        var changes = o.changes();
        var now = clock.instant();
        save(o, actor);
        store.enterStage(id, target.get().key(), actor, now);
        events.publishEvent(new OpportunityStageChanged(actor, id, from, target.get().key(), null, true,
                side(changes, true), side(changes, false)));
        return view(caller, o, new Names());
    }

    /**
     * Makes the person the owner of an unowned opportunity. Of any number of simultaneous claims exactly
     * one wins (one conditional update); the others get {@link AlreadyOwnedException}.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public OpportunityView claim(Actor actor, long id) {
        var caller = caller(actor);
        caller.require(Permission.INBOX_WORK, "claim opportunities");
        var userId = caller.userId();
        try {
            return newTransaction.execute(status -> {
                var claimed = store.claim(id, userId, clock.instant());
                if (claimed.isEmpty()) {
                    var o = load(id);
                    if (!o.isOpen()) {
                        throw OpportunityRuleException.of("owner", "It is closed; reopen it before anyone claims it.");
                    }
                    throw alreadyOwned(o.ownerId);
                }
                store.recordChanges(id, claimed.get(), List.of(new Opportunity.Change("owner", null, Long.toString(userId))),
                        actor, clock.instant());
                events.publishEvent(new OpportunityAssigned(actor, id, null, null, userId, actor.name(),
                        AssignmentKind.CLAIMED, null));
                return view(caller, load(id), new Names());
            });
        } catch (ConcurrencyFailureException e) {
            // a database that reports a concurrent update of the row instead of waiting: someone else won
            throw alreadyOwned(store.ownerOf(id).orElse(null));
        }
    }

    /**
     * Gives the opportunity to someone: a person with WORK_ASSIGN may assign anyone's, the owner may hand
     * their own over. The new owner must be an active user who may work the inbox.
     */
    public OpportunityView assign(Actor actor, long id, long toUserId, @Nullable String reason) {
        var caller = caller(actor);
        caller.require(Permission.INBOX_WORK, "assign opportunities");
        var o = loadForUpdate(id);
        AssignmentKind kind;
        if (caller.can(Permission.WORK_ASSIGN)) {
            kind = AssignmentKind.ASSIGNED;
        } else if (o.ownerId != null && o.ownerId.equals(actor.userId())) {
            kind = AssignmentKind.HANDED_OVER;
        } else {
            throw new OpportunityAccessException(o.ownerId == null
                    ? "Only a manager can assign an unowned opportunity to someone; you can claim it yourself."
                    : "Only the owner (" + displayName(o.ownerId) + ") or a manager can give this opportunity to someone else.");
        }
        if (!o.isOpen()) {
            throw OpportunityRuleException.of("owner", "It is closed; reopen it before handing it on.");
        }
        var errors = new LinkedHashMap<String, String>();
        var to = assignee(toUserId, errors);
        var cleanReason = blankToNull(reason);
        if (cleanReason != null && cleanReason.length() > 500) {
            errors.put("reason", "Keep the reason to 500 characters.");
        }
        OpportunityRules.throwIfAny(errors);
        if (to == null || to.id() == (o.ownerId == null ? -1 : o.ownerId)) {
            return view(caller, o, new Names());
        }
        var from = o.ownerId;
        o.setOwner(to.id());
        save(o, actor);
        events.publishEvent(new OpportunityAssigned(actor, id, from, from == null ? null : username(from), to.id(),
                to.username(), kind, cleanReason));
        return view(caller, o, new Names());
    }

    public void linkConversation(Actor actor, long id, long conversationId) {
        caller(actor).require(Permission.INBOX_WORK, "link conversations");
        load(id);
        if (conversations.overview(conversationId).isEmpty()) {
            throw OpportunityRuleException.of("conversationId", "There is no conversation " + conversationId + " to link.");
        }
        if (store.link(id, conversationId, actor, clock.instant())) {
            events.publishEvent(new ConversationLinked(actor, id, conversationId));
        }
    }

    public void unlinkConversation(Actor actor, long id, long conversationId) {
        caller(actor).require(Permission.INBOX_WORK, "unlink conversations");
        load(id);
        if (store.unlink(id, conversationId)) {
            events.publishEvent(new ConversationUnlinked(actor, id, conversationId));
        }
    }

    /** After two conversations were merged: links to the one that is gone now point at the one that stayed. */
    void conversationsMerged(long targetConversationId, long mergedConversationId) {
        store.moveLinks(mergedConversationId, targetConversationId);
    }

    // --- helpers ---

    private void save(Opportunity o, Actor actor) {
        var seen = o.version;
        var now = clock.instant();
        var changes = o.changes();
        if (!store.update(o, now)) {
            throw stale(caller(actor), o.id(), seen);
        }
        store.recordChanges(o.id(), o.version, changes, actor, now);
    }

    /** An id typed by hand (or sent by a script) must name a company or contact on record. */
    private void checkCustomer(@Nullable Long companyId, @Nullable Long contactId, Map<String, String> errors) {
        if (companyId != null && !customers.companyExists(companyId)) {
            errors.put("companyId", "There is no company #" + companyId + ". Pick one from the list as you type, "
                    + "add it under Customers first, or leave the field empty.");
        }
        if (contactId != null && !customers.contactExists(contactId)) {
            errors.put("contactId", "There is no contact #" + contactId + ". Pick one from the list as you type, "
                    + "add it under Customers first, or leave the field empty.");
        }
    }

    private void checkVersion(Caller caller, Opportunity o, int version) {
        if (version != o.version) {
            throw stale(caller, o.id(), version);
        }
    }

    private StaleOpportunityException stale(Caller caller, long id, int yourVersion) {
        var current = store.find(id).orElseThrow(() -> OpportunityNotFoundException.forId(id));
        var byField = new LinkedHashMap<String, FieldChange>();
        var stageNames = stageNames();
        for (var change : store.changesSince(id, yourVersion)) {
            var earlier = byField.get(change.field());
            var seen = earlier == null ? change.before() : earlier.yourValue();
            byField.put(change.field(), new FieldChange(change.field(), LABELS.getOrDefault(change.field(), change.field()),
                    seen, change.after(), change.actorName(), change.at()));
        }
        var shown = new ArrayList<FieldChange>();
        for (var c : byField.values()) {
            if (c.field().equals("value") && !caller.can(Permission.DEAL_VALUES_VIEW)) {
                shown.add(new FieldChange(c.field(), c.label(), "(hidden)", "(hidden)", c.changedBy(), c.changedAt()));
            } else if (c.field().equals("owner")) {
                shown.add(new FieldChange(c.field(), c.label(), ownerText(c.yourValue()), ownerText(c.currentValue()),
                        c.changedBy(), c.changedAt()));
            } else if (c.field().equals("stage")) {
                shown.add(new FieldChange(c.field(), c.label(), stageNames.getOrDefault(c.yourValue(), c.yourValue()),
                        stageNames.getOrDefault(c.currentValue(), c.currentValue()), c.changedBy(), c.changedAt()));
            } else if (!Objects2.equal(c.yourValue(), c.currentValue())) {
                shown.add(c);
            }
        }
        return new StaleOpportunityException(id, yourVersion, current.version, shown);
    }

    private @Nullable String ownerText(@Nullable String userId) {
        return userId == null ? "nobody" : displayName(Long.parseLong(userId));
    }

    private void checkMayChange(Caller caller, Opportunity o) {
        if (o.ownerId == null || caller.system() || o.ownerId.equals(caller.actor().userId())
                || caller.can(Permission.WORK_ASSIGN)) {
            return;
        }
        var owner = displayName(o.ownerId);
        throw new OpportunityAccessException("This opportunity belongs to " + owner + ". Only the owner or a manager "
                + "can change it; ask " + owner + " to hand it over.");
    }

    private @Nullable UserView assignee(long userId, Map<String, String> errors) {
        try {
            var user = identity.user(userId);
            if (!user.active()) {
                errors.put("assignee", user.displayName() + " is deactivated; choose someone who still works here.");
                return null;
            }
            if (!user.role().has(Permission.INBOX_WORK)) {
                errors.put("assignee", user.displayName() + " has a read-only role and cannot own opportunities.");
                return null;
            }
            return user;
        } catch (UserNotFoundException e) {
            errors.put("assignee", "There is no user with id " + userId + ".");
            return null;
        }
    }

    private AlreadyOwnedException alreadyOwned(@Nullable Long ownerId) {
        return new AlreadyOwnedException(ownerId, ownerId == null ? "someone else" : displayName(ownerId));
    }

    private Opportunity load(long id) {
        return store.find(id).orElseThrow(() -> OpportunityNotFoundException.forId(id));
    }

    private Opportunity loadForUpdate(long id) {
        return store.findForUpdate(id).orElseThrow(() -> OpportunityNotFoundException.forId(id));
    }

    private static StageView stageOf(Opportunity o, List<StageView> all) {
        return all.stream().filter(s -> s.key().equals(o.stageKey)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown stage " + o.stageKey));
    }

    private Map<String, String> stageNames() {
        var names = new HashMap<String, String>();
        stages.all().forEach(s -> names.put(s.key(), s.name()));
        return names;
    }

    private OpportunityView view(Caller caller, Opportunity o, Names names) {
        var all = names.stages(stages);
        var stage = all.getOrDefault(o.stageKey, new StageView(o.stageKey, o.stageKey, 0, StageKind.OPEN, 0, false));
        var visible = caller.can(Permission.DEAL_VALUES_VIEW);
        var reasons = rules.lostReasons();
        return new OpportunityView(o.id(), o.title, o.description, o.companyId,
                o.companyId == null ? null : names.company(o.companyId, customers::companyName),
                o.contactId, o.contactId == null ? null : names.contact(o.contactId, customers::contactName),
                visible ? o.value : null, visible, o.currency, o.source,
                o.sourceDetail, o.ownerId, o.ownerId == null ? null : names.user(o.ownerId, this::displayName), o.stageKey,
                stage.name(), stage.kind(), o.nextAction, o.nextActionDue,
                o.isOpen() && o.nextActionDue != null && o.nextActionDue.isBefore(rules.today()), o.expectedClose,
                o.probability, o.probabilityOverridden, o.outcome, o.lostReason,
                o.lostReason == null ? null : reasons.getOrDefault(o.lostReason, o.lostReason), o.outcomeNote, o.closedAt,
                o.createdAt, o.updatedAt, o.version);
    }

    private String displayName(long userId) {
        try {
            return identity.user(userId).displayName();
        } catch (UserNotFoundException e) {
            return "user " + userId;
        }
    }

    private String username(long userId) {
        try {
            return identity.user(userId).username();
        } catch (UserNotFoundException e) {
            return "user " + userId;
        }
    }

    private Caller caller(Actor actor) {
        if (actor.userId() == null) {
            return new Caller(actor, true, EnumSet.allOf(Permission.class));
        }
        try {
            var user = identity.user(actor.userId());
            return new Caller(actor, false, user.active() ? user.role().permissions() : Set.of());
        } catch (UserNotFoundException e) {
            return new Caller(actor, false, Set.of());
        }
    }

    private static Map<String, Object> side(List<Opportunity.Change> changes, boolean before) {
        var map = new LinkedHashMap<String, Object>();
        for (var change : changes) {
            var value = before ? change.before() : change.after();
            map.put(change.field(), value == null ? "" : value);
        }
        return map;
    }

    static String cleanSubject(String subject) {
        var clean = REPLY_PREFIX.matcher(subject).replaceFirst("").strip();
        clean = clean.isEmpty() ? "(no subject)" : clean;
        return cut(clean, 200);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String strip(@Nullable String text) {
        return text == null ? "" : text.strip();
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static void putIfNotNull(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Map<String, String> labels() {
        var labels = new LinkedHashMap<String, String>();
        labels.put("title", "Title");
        labels.put("description", "What they want to buy");
        labels.put("companyId", "Company");
        labels.put("contactId", "Contact");
        labels.put("value", "Value");
        labels.put("currency", "Currency");
        labels.put("source", "Source");
        labels.put("sourceDetail", "Source detail");
        labels.put("owner", "Owner");
        labels.put("stage", "Stage");
        labels.put("nextAction", "Next action");
        labels.put("nextActionDue", "Next action due");
        labels.put("expectedClose", "Expected close");
        labels.put("probability", "Probability");
        labels.put("outcome", "Outcome");
        labels.put("lostReason", "Lost reason");
        labels.put("outcomeNote", "Outcome note");
        return Map.copyOf(labels);
    }

    /** Who is acting and what their role lets them do; the system (demo, jobs) may do everything. */
    private record Caller(Actor actor, boolean system, Set<Permission> permissions) {

        boolean can(Permission permission) {
            return permissions.contains(permission);
        }

        long userId() {
            if (actor.userId() == null) {
                throw new OpportunityAccessException("Only a person can claim an opportunity.");
            }
            return actor.userId();
        }

        void require(Permission permission, String what) {
            if (!can(permission)) {
                throw new OpportunityAccessException("Your role may not " + what + ".");
            }
        }
    }

    /** Per-call caches of user and stage names, so a list does not ask for the same user twice. */
    private static final class Names {
        private final Map<Long, String> users = new HashMap<>();
        private final Map<Long, String> companies = new HashMap<>();
        private final Map<Long, String> contacts = new HashMap<>();
        private @Nullable Map<String, StageView> stages;

        /** Reads the company and contact names of these opportunities in two queries instead of two per opportunity. */
        Names preload(CustomerDirectory customers, Collection<Opportunity> opportunities) {
            companies.putAll(customers.companyNames(opportunities.stream().map(o -> o.companyId)
                    .filter(java.util.Objects::nonNull).distinct().toList()));
            contacts.putAll(customers.contactNames(opportunities.stream().map(o -> o.contactId)
                    .filter(java.util.Objects::nonNull).distinct().toList()));
            return this;
        }

        @Nullable String company(long id, java.util.function.Function<Long, @Nullable String> lookup) {
            var known = companies.get(id);
            return known != null ? known : lookup.apply(id);
        }

        @Nullable String contact(long id, java.util.function.Function<Long, @Nullable String> lookup) {
            var known = contacts.get(id);
            return known != null ? known : lookup.apply(id);
        }

        String user(long id, java.util.function.LongFunction<String> lookup) {
            return users.computeIfAbsent(id, lookup::apply);
        }

        Map<String, StageView> stages(StageStore store) {
            if (stages == null) {
                var map = new HashMap<String, StageView>();
                store.all().forEach(s -> map.put(s.key(), s));
                stages = map;
            }
            return stages;
        }
    }

    private static final class Objects2 {
        static boolean equal(@Nullable Object a, @Nullable Object b) {
            return java.util.Objects.equals(a, b);
        }
    }
}
