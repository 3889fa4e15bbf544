package org.opportune.review;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.conversation.ConversationInbox;
import org.opportune.conversation.InboxQuery;
import org.opportune.conversation.InboxView;
import org.opportune.identity.IdentityService;
import org.opportune.identity.UserView;
import org.opportune.opportunity.OpenOpportunities;
import org.opportune.opportunity.OpenOpportunityQuery;
import org.opportune.opportunity.OpportunityService;
import org.opportune.opportunity.PipelineService;
import org.opportune.opportunity.StageView;
import org.opportune.shared.Actor;
import org.opportune.task.TaskFilter;
import org.opportune.task.TaskService;
import org.opportune.task.TaskStatus;
import org.opportune.task.TaskView;

/**
 * Builds the review queues from the other modules' public read APIs. Read-only: the page's actions go to
 * the owning modules' services, which keep their rules (one owner, a concrete dated next action, a reason
 * on close).
 */
@Service
@Transactional(readOnly = true)
public class ReviewService {

    static final String BUYING_SIGNAL = "buying_signal";

    private final ConversationInbox inbox;
    private final OpportunityService opportunities;
    private final PipelineService pipeline;
    private final TaskService tasks;
    private final IdentityService identity;
    private final ReviewProperties properties;
    private final Clock clock;

    ReviewService(ConversationInbox inbox, OpportunityService opportunities, PipelineService pipeline, TaskService tasks,
            IdentityService identity, ReviewProperties properties, Clock clock) {
        this.inbox = inbox;
        this.opportunities = opportunities;
        this.pipeline = pipeline;
        this.tasks = tasks;
        this.identity = identity;
        this.properties = properties;
        this.clock = clock;
    }

    /** The preset's queues as {@code actor} sees them within {@code scope}. */
    public ReviewBoard board(Actor actor, ReviewScope scope, Preset preset) {
        var queues = preset.queues().stream().map(queue -> queue(actor, scope, queue)).toList();
        var names = identity.users().stream().collect(Collectors.toMap(UserView::id, UserView::displayName, (a, b) -> a,
                HashMap::new));
        return new ReviewBoard(preset, queues, names, opportunities.today(), properties.staleDays());
    }

    /** The open stages whose opportunities wait on the customer: proposal sent, waiting on customer. */
    public List<StageView> waitingStages() {
        return pipeline.activeStages().stream().filter(StageView::open)
                .filter(stage -> properties.waitingStageWords().stream()
                        .anyMatch(word -> stage.key().toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT))))
                .toList();
    }

    private ReviewQueue queue(Actor actor, ReviewScope scope, Queue queue) {
        return switch (queue) {
            case UNASSIGNED_LEADS -> unassignedLeads(actor, scope);
            case OVERDUE -> overdue(actor, scope);
            case PROPOSALS_WAITING -> opportunitiesOnly(queue, actor, scope, ownedBy(scope)
                    .dueBy(opportunities.today()).inStages(waitingStages().stream().map(StageView::key)
                            .collect(Collectors.toSet())));
            case STALE -> opportunitiesOnly(queue, actor, scope, ownedBy(scope)
                    .unchangedSince(clock.instant().minus(Duration.ofDays(properties.staleDays()))));
            case CUSTOMER_WAITING -> customerWaiting(scope);
        };
    }

    private ReviewQueue unassignedLeads(Actor actor, ReviewScope scope) {
        var limit = properties.itemsPerQueue();
        var conversations = inbox.list(new InboxQuery(InboxView.UNASSIGNED, scope.userId(), null, null, BUYING_SIGNAL,
                null, 0, limit));
        var conversationCount = inbox.countUnassigned(BUYING_SIGNAL);
        var leads = scope.pipeline()
                ? opportunities.openOpportunities(actor, new OpenOpportunityQuery(null, true, null, null, null, limit))
                : new OpenOpportunities(List.of(), 0);
        return new ReviewQueue(Queue.UNASSIGNED_LEADS, conversationCount + leads.total(), conversations, leads.items(),
                List.of());
    }

    private ReviewQueue overdue(Actor actor, ReviewScope scope) {
        var late = scope.pipeline()
                ? opportunities.openOpportunities(actor, ownedBy(scope).dueBy(opportunities.today().minusDays(1)))
                : new OpenOpportunities(List.of(), 0);
        var owner = scope.ownerFilter();
        List<TaskView> overdueTasks;
        long taskCount;
        if (owner == null) {
            overdueTasks = tasks.find(new TaskFilter(null, TaskStatus.OPEN, null, null, true, null,
                    properties.itemsPerQueue(), 0));
            taskCount = tasks.overdueCountsByAssignee().values().stream().mapToLong(Long::longValue).sum();
        } else {
            overdueTasks = tasks.overdueTasksOf(owner).stream().limit(properties.itemsPerQueue()).toList();
            taskCount = tasks.overdueCount(owner);
        }
        return new ReviewQueue(Queue.OVERDUE, late.total() + taskCount, List.of(), late.items(), overdueTasks);
    }

    private ReviewQueue opportunitiesOnly(Queue queue, Actor actor, ReviewScope scope, OpenOpportunityQuery query) {
        if (!scope.pipeline()) {
            return new ReviewQueue(queue, 0, List.of(), List.of(), List.of());
        }
        var found = opportunities.openOpportunities(actor, query);
        return new ReviewQueue(queue, found.total(), List.of(), found.items(), List.of());
    }

    private ReviewQueue customerWaiting(ReviewScope scope) {
        var owner = scope.ownerFilter();
        var rows = inbox.waitingOnUs(owner, scope.withUnowned(), properties.itemsPerQueue());
        return new ReviewQueue(Queue.CUSTOMER_WAITING, inbox.countWaitingOnUs(owner, scope.withUnowned()), rows,
                List.of(), List.of());
    }

    private OpenOpportunityQuery ownedBy(ReviewScope scope) {
        return OpenOpportunityQuery.everyone(properties.itemsPerQueue()).owned(scope.ownerFilter(), scope.withUnowned());
    }
}
