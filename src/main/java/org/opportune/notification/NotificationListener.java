package org.opportune.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import org.opportune.conversation.ConversationEvents.ConversationOwnerChanged;
import org.opportune.conversation.ConversationEvents.MessageThreaded;
import org.opportune.conversation.ConversationNotFoundException;
import org.opportune.conversation.ConversationEvents.NoteAdded;
import org.opportune.conversation.ConversationService;
import org.opportune.conversation.ConversationWork;
import org.opportune.identity.IdentityService;
import org.opportune.identity.UserNotFoundException;
import org.opportune.mail.MailMessages;
import org.opportune.mail.MailboxService;
import org.opportune.notification.NotificationStore.NewNotification;
import org.opportune.opportunity.OpportunityEvents.OpportunityAssigned;
import org.opportune.opportunity.OpportunityNotFoundException;
import org.opportune.opportunity.OpportunityService;
import org.opportune.shared.Actor;
import org.opportune.task.TaskEvents.TaskAssigned;
import org.opportune.task.TaskEvents.TaskCreated;
import org.opportune.task.TaskEvents.TaskDue;
import org.opportune.task.TaskNotFoundException;
import org.opportune.task.TaskService;

/**
 * Turns other modules' events into notifications, after their change committed. Idempotent: each
 * notification carries a key derived from its event, and a second delivery of the event finds it.
 * Nobody is told about what they did themselves.
 *
 * <p>The listeners run outside a transaction of their own: they read, then insert at most one row. An event
 * about something gone by the time it is delivered (a conversation merged away, a task deleted) ends in a
 * caught "not found" from a transactional service; inside a listener transaction that exception would have
 * marked it rollback-only, and the delivery would have failed at commit.
 */
@Component
class NotificationListener {

    private static final String CONVERSATION = "conversation";
    private static final int EXCERPT = 160;
    /** Mail older than this when it is threaded (an import of old mail) tells nobody. */
    private static final Duration RECENT = Duration.ofDays(2);

    private final NotificationStore store;
    private final IdentityService identity;
    private final ConversationService conversations;
    private final OpportunityService opportunities;
    private final TaskService tasks;
    private final ConversationWork work;
    private final MailMessages messages;
    private final MailboxService mailboxes;
    private final Clock clock;

    NotificationListener(NotificationStore store, IdentityService identity, ConversationService conversations,
            OpportunityService opportunities, TaskService tasks, ConversationWork work, MailMessages messages,
            MailboxService mailboxes, Clock clock) {
        this.work = work;
        this.messages = messages;
        this.mailboxes = mailboxes;
        this.store = store;
        this.identity = identity;
        this.conversations = conversations;
        this.opportunities = opportunities;
        this.tasks = tasks;
        this.clock = clock;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(NoteAdded event) {
        var subject = subject(event.conversationId());
        for (var userId : new LinkedHashSet<>(event.mentionedUserIds())) {
            if (!byThemselves(event.actor(), userId)) {
                add(new NewNotification(userId, NotificationKind.MENTION, event.actor().userId(), name(event.actor()),
                        CONVERSATION, event.conversationId(), "note-" + event.noteId(), subject, excerpt(event.body()),
                        "mention:" + event.noteId() + ":" + userId));
            }
        }
    }

    /**
     * The customer wrote again in a conversation someone owns: the owner hears of it. Only mail from outside
     * (not our own replies) and only recent mail, so importing an old mailbox tells nobody about its history.
     */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MessageThreaded event) {
        if (event.started()) {
            return;
        }
        Long owner;
        try {
            owner = work.state(event.conversationId()).ownerId();
        } catch (ConversationNotFoundException e) {
            return;
        }
        var message = messages.summaries(List.of(event.messageId())).stream().findFirst().orElse(null);
        if (owner == null || message == null || message.sentAt().isBefore(clock.instant().minus(RECENT))) {
            return;
        }
        var at = message.fromAddress().lastIndexOf('@');
        var domain = at < 0 ? "" : message.fromAddress().substring(at + 1).toLowerCase(Locale.ROOT);
        if (domain.isEmpty() || mailboxes.ownDomains().contains(domain)) {
            return;
        }
        var sender = message.fromName() == null || message.fromName().isBlank() ? message.fromAddress() : message.fromName();
        add(new NewNotification(owner, NotificationKind.CUSTOMER_REPLIED, null, sender, CONVERSATION,
                event.conversationId(), null, subject(event.conversationId()), excerpt(message.snippet()),
                "customer_replied:" + event.messageId() + ":" + owner));
    }

    /** Assigned or handed over by someone else; a claim or a release tells nobody. */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ConversationOwnerChanged event) {
        var to = event.toUserId();
        if (to == null || byThemselves(event.actor(), to)) {
            return;
        }
        add(new NewNotification(to, NotificationKind.CONVERSATION_ASSIGNED, event.actor().userId(), name(event.actor()),
                CONVERSATION, event.conversationId(), null, subject(event.conversationId()), event.reason(),
                "conversation_assigned:" + event.conversationId() + ":" + to));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OpportunityAssigned event) {
        if (byThemselves(event.actor(), event.toUserId())) {
            return;
        }
        String title;
        try {
            title = opportunities.opportunity(Actor.system(), event.opportunityId()).title();
        } catch (OpportunityNotFoundException e) {
            return;
        }
        add(new NewNotification(event.toUserId(), NotificationKind.OPPORTUNITY_ASSIGNED, event.actor().userId(),
                name(event.actor()), "opportunity", event.opportunityId(), null, title, event.reason(),
                "opportunity_assigned:" + event.opportunityId() + ":" + event.toUserId()));
    }

    /** A task created for someone else; a task is created once, so its key holds for good. */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(TaskCreated event) {
        if (event.actor().userId() == null || byThemselves(event.actor(), event.assigneeId())) {
            return;
        }
        task(event.taskId(), event.assigneeId(), event.actor(), NotificationKind.TASK_ASSIGNED, null,
                "task_created:" + event.taskId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(TaskAssigned event) {
        if (byThemselves(event.actor(), event.assigneeId())) {
            return;
        }
        task(event.taskId(), event.assigneeId(), event.actor(), NotificationKind.TASK_ASSIGNED, event.reason(),
                "task_assigned:" + event.taskId() + ":" + event.assigneeId());
    }

    /** Published once per due date, so the date (and time) is part of the key. */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(TaskDue event) {
        var when = event.dueTime() == null ? "due " + event.dueDate() : "due " + event.dueDate() + " at " + event.dueTime();
        add(new NewNotification(event.assigneeId(), NotificationKind.TASK_DUE, null, null, "task", event.taskId(), null,
                event.title(), when, "task_due:" + event.taskId() + ":" + event.dueDate()
                        + (event.dueTime() == null ? "" : "T" + event.dueTime())));
    }

    private void task(long taskId, long assigneeId, Actor actor, NotificationKind kind, @Nullable String detail,
            String key) {
        String title;
        try {
            title = tasks.task(taskId).title();
        } catch (TaskNotFoundException e) {
            return;
        }
        add(new NewNotification(assigneeId, kind, actor.userId(), name(actor), "task", taskId, null, title, detail, key));
    }

    private void add(NewNotification notification) {
        store.addOnce(notification, clock.instant());
    }

    private static boolean byThemselves(Actor actor, long recipientId) {
        return Objects.equals(actor.userId(), recipientId);
    }

    private String subject(long conversationId) {
        return conversations.overview(conversationId).map(o -> o.subject().isBlank() ? "(no subject)" : o.subject())
                .orElse("a conversation");
    }

    /** The actor's display name, as the page shows people; the login name when the account is gone. */
    private @Nullable String name(Actor actor) {
        var id = actor.userId();
        if (id == null) {
            return null;
        }
        try {
            return identity.user(id).displayName();
        } catch (UserNotFoundException e) {
            return actor.name();
        }
    }

    private static String excerpt(String body) {
        var flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT - 1) + "…";
    }
}
