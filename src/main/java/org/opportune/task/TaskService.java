package org.opportune.task;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Permission;
import org.opportune.identity.UserNotFoundException;
import org.opportune.identity.UserView;
import org.opportune.shared.Actor;
import org.opportune.task.TaskChanges.Diff;
import org.opportune.task.TaskEvents.TaskAssigned;
import org.opportune.task.TaskEvents.TaskCancelled;
import org.opportune.task.TaskEvents.TaskChanged;
import org.opportune.task.TaskEvents.TaskCompleted;
import org.opportune.task.TaskEvents.TaskCreated;
import org.opportune.task.TaskEvents.TaskEdited;
import org.opportune.task.TaskEvents.TaskReopened;
import org.opportune.task.TaskEvents.TaskRescheduled;

/**
 * Tasks: create, edit, complete, reopen, reschedule, reassign and cancel, each recorded in the
 * activity trail with before → after; and the queries other modules and pages use (a person's tasks,
 * the tasks of a linked record, overdue counts). A change made on an older version than the stored one
 * is refused with {@link StaleTaskException}. Handing someone else's task over needs
 * {@link Permission#WORK_ASSIGN}, unless the assignee does it.
 */
@Service
@Transactional
public class TaskService {

    static final int TITLE_MAX = 200;
    static final int NOTES_MAX = 4000;
    static final int REASON_MAX = 500;
    private static final int MAX_YEARS_AHEAD = 5;
    private static final int LIST_LIMIT = 200;

    private final TaskRepository tasks;
    private final TaskQueries queries;
    private final TaskChanges changes;
    private final IdentityService identity;
    private final FollowUps followUps;
    private final TaskProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TaskService(TaskRepository tasks, TaskQueries queries, TaskChanges changes, IdentityService identity,
            FollowUps followUps, TaskProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.tasks = tasks;
        this.queries = queries;
        this.changes = changes;
        this.identity = identity;
        this.followUps = followUps;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    // --- changes ---

    /** Creates an open task; assigned to the actor unless the command names someone (which needs WORK_ASSIGN). */
    public TaskView create(Actor actor, TaskCommand command) {
        var errors = new LinkedHashMap<String, String>();
        var title = title(command.title(), errors);
        var notes = notes(command.notes(), errors);
        var due = resolve(command.due(), errors);
        var assigneeId = command.assigneeId() != null ? command.assigneeId() : actor.userId();
        if (assigneeId == null) {
            errors.put("assigneeId", "Choose who does this task.");
        } else {
            checkAssignee(assigneeId, "assigneeId", errors);
        }
        if (!errors.isEmpty()) {
            throw new TaskRuleException(errors);
        }
        if (!assigneeId.equals(actor.userId())) {
            requireAssignPermission(actor, "give a task to someone else");
        }
        var kind = command.kind() == null ? TaskKind.FOLLOW_UP : command.kind();
        var task = tasks.save(Task.create(title, notes, kind, due.date(), due.time(), properties.zone(), assigneeId,
                actor.userId(), command.links(), clock));
        var after = new LinkedHashMap<String, @Nullable Object>(task.snapshot());
        after.put("assignee", usernameOf(assigneeId));
        after.values().removeIf(java.util.Objects::isNull);
        events.publishEvent(new TaskCreated(actor, task.id(), assigneeId, after));
        return view(task);
    }

    /** Changes title, notes, kind, due date and time, or links, on the version the person saw. */
    public TaskView edit(Actor actor, long taskId, TaskEdit edit) {
        return change(actor, taskId, edit.version(), task -> {
            var errors = new LinkedHashMap<String, String>();
            var title = edit.title() == null ? null : title(edit.title(), errors);
            var notes = edit.notes() == null ? null : notes(edit.notes(), errors);
            var dueDate = edit.dueDate() == null ? task.dueDate() : edit.dueDate();
            var dueTime = edit.clearDueTime() ? null : edit.dueTime() == null ? task.dueTime() : edit.dueTime();
            if (edit.dueDate() != null && !edit.dueDate().equals(task.dueDate())) {
                checkDate(edit.dueDate(), "dueDate", errors);
            }
            var links = task.links();
            var newLinks = new TaskLinks(link(edit.opportunityId(), links.opportunityId(), "opportunityId", errors),
                    link(edit.conversationId(), links.conversationId(), "conversationId", errors),
                    link(edit.companyId(), links.companyId(), "companyId", errors),
                    link(edit.contactId(), links.contactId(), "contactId", errors));
            if (!errors.isEmpty()) {
                throw new TaskRuleException(errors);
            }
            if (title != null) {
                task.rename(title);
            }
            if (edit.notes() != null) {
                task.describe(notes);
            }
            if (edit.kind() != null) {
                task.kind(edit.kind());
            }
            task.dueOn(dueDate, dueTime, properties.zone());
            task.link(newLinks);
        }, (task, diff) -> new TaskEdited(actor, task.id(), task.assigneeId(), audit(diff.before()), audit(diff.after())));
    }

    public TaskView complete(Actor actor, long taskId, @Nullable Integer version) {
        return change(actor, taskId, version, task -> task.complete(actor.userId(), clock),
                (task, diff) -> new TaskCompleted(actor, task.id(), task.assigneeId(), audit(diff.before()),
                        audit(diff.after())));
    }

    public TaskView reopen(Actor actor, long taskId, @Nullable Integer version) {
        return change(actor, taskId, version, Task::reopen,
                (task, diff) -> new TaskReopened(actor, task.id(), task.assigneeId(), audit(diff.before()),
                        audit(diff.after())));
    }

    /** A new due date (and time) for an open task, with an optional reason that goes into the trail. */
    public TaskView reschedule(Actor actor, long taskId, Due due, @Nullable String reason, @Nullable Integer version) {
        var why = reason(reason);
        var from = new LocalDate[1];
        var fromTime = new LocalTime[1];
        return change(actor, taskId, version, task -> {
            task.requireOpen("rescheduled");
            var errors = new LinkedHashMap<String, String>();
            var resolved = resolve(due, errors);
            if (!errors.isEmpty()) {
                throw new TaskRuleException(errors);
            }
            from[0] = task.dueDate();
            fromTime[0] = task.dueTime();
            task.dueOn(resolved.date(), resolved.time(), properties.zone());
        }, (task, diff) -> new TaskRescheduled(actor, task.id(), task.assigneeId(), from[0], fromTime[0],
                task.dueDate(), task.dueTime(), why, audit(diff.before()), withReason(audit(diff.after()), why)));
    }

    /**
     * Gives an open task to another active colleague who may work on tasks. Someone else's task needs
     * WORK_ASSIGN; the assignee may always hand their own task over.
     */
    public TaskView reassign(Actor actor, long taskId, long assigneeId, @Nullable String reason,
            @Nullable Integer version) {
        var why = reason(reason);
        var from = new long[1];
        return change(actor, taskId, version, task -> {
            task.requireOpen("reassigned");
            var errors = new LinkedHashMap<String, String>();
            checkAssignee(assigneeId, "assigneeId", errors);
            if (!errors.isEmpty()) {
                throw new TaskRuleException(errors);
            }
            if (actor.userId() == null || actor.userId() != task.assigneeId()) {
                requireAssignPermission(actor, "reassign a task that is not yours");
            }
            from[0] = task.assigneeId();
            task.assignTo(assigneeId);
        }, (task, diff) -> {
            var before = audit(diff.before());
            before.put("assignee", usernameOf(from[0]));
            var after = audit(diff.after());
            after.put("assignee", usernameOf(assigneeId));
            return new TaskAssigned(actor, task.id(), from[0], assigneeId, why, before, withReason(after, why));
        });
    }

    public TaskView cancel(Actor actor, long taskId, @Nullable String reason, @Nullable Integer version) {
        var why = reason(reason);
        return change(actor, taskId, version, task -> task.cancel(actor.userId(), clock),
                (task, diff) -> new TaskCancelled(actor, task.id(), task.assigneeId(), why, audit(diff.before()),
                        withReason(audit(diff.after()), why)));
    }

    // --- queries ---

    @Transactional(readOnly = true)
    public TaskView task(long taskId) {
        return view(load(taskId));
    }

    /** One person's overdue, due today, upcoming and recently done tasks. */
    @Transactional(readOnly = true)
    public TaskBoard boardOf(long userId) {
        var now = clock.instant();
        var today = today();
        var names = names();
        return new TaskBoard(userId, today,
                named(queries.overdue(userId, now), names),
                named(queries.dueToday(userId, today, now), names),
                named(queries.upcoming(userId, today, LIST_LIMIT), names),
                named(queries.doneSince(userId, now.minus(properties.doneRecently()), LIST_LIMIT), names));
    }

    /** A person's open tasks, overdue ones first, by due date. */
    @Transactional(readOnly = true)
    public List<TaskView> openTasksOf(long userId) {
        return find(TaskFilter.openOf(userId));
    }

    @Transactional(readOnly = true)
    public List<TaskView> overdueTasksOf(long userId) {
        return named(queries.overdue(userId, clock.instant()), names());
    }

    /** Open tasks due later today: not overdue yet. */
    @Transactional(readOnly = true)
    public List<TaskView> tasksDueTodayOf(long userId) {
        return named(queries.dueToday(userId, today(), clock.instant()), names());
    }

    @Transactional(readOnly = true)
    public List<TaskView> upcomingTasksOf(long userId) {
        return named(queries.upcoming(userId, today(), LIST_LIMIT), names());
    }

    /** The tasks of an opportunity, conversation, company or contact: open ones first. */
    @Transactional(readOnly = true)
    public List<TaskView> tasksLinkedTo(TaskLink link) {
        return named(queries.linkedTo(link, LIST_LIMIT), names());
    }

    @Transactional(readOnly = true)
    public long overdueCount(long userId) {
        return queries.overdueCount(userId, clock.instant());
    }

    /** Overdue plus due later today: what needs the person's attention now. */
    @Transactional(readOnly = true)
    public long attentionCount(long userId) {
        var now = clock.instant();
        return queries.overdueCount(userId, now) + queries.dueTodayCount(userId, today(), now);
    }

    /** Overdue open tasks per assignee id; people without any are left out. */
    @Transactional(readOnly = true)
    public Map<Long, Long> overdueCountsByAssignee() {
        return queries.overdueCounts(clock.instant());
    }

    @Transactional(readOnly = true)
    public List<TaskView> find(TaskFilter filter) {
        return named(queries.find(filter, clock.instant()), names());
    }

    /** The people a task can be given to: active, and allowed to work on tasks. */
    @Transactional(readOnly = true)
    public List<Assignee> assignees() {
        return identity.users().stream()
                .filter(u -> u.active() && u.role().has(Permission.INBOX_WORK))
                .sorted(Comparator.comparing(UserView::displayName, String.CASE_INSENSITIVE_ORDER))
                .map(u -> new Assignee(u.id(), u.username(), u.displayName()))
                .toList();
    }

    /** Today in the business time zone. */
    public LocalDate today() {
        return followUps.today();
    }

    // --- the machinery of a change ---

    private TaskView change(Actor actor, long taskId, @Nullable Integer version, Consumer<Task> change,
            EventFactory event) {
        var task = load(taskId);
        if (version != null && version != task.version()) {
            throw stale(taskId, version, task.version());
        }
        var seen = task.version();
        var before = task.snapshot();
        change.accept(task);
        var diff = TaskChanges.diff(before, task.snapshot());
        if (diff.isEmpty()) {
            return view(task);
        }
        task.touch(clock);
        Task saved;
        try {
            saved = tasks.save(task);
        } catch (OptimisticLockingFailureException e) {
            var current = load(taskId);
            throw stale(taskId, seen, current.version());
        }
        changes.record(saved.id(), saved.version(), diff, actor.name(), clock.instant());
        if (diff.changed("dueDate") || diff.changed("dueTime") || diff.changed("status")) {
            queries.forgetAnnouncement(saved.id());
        }
        events.publishEvent(event.of(saved, diff));
        return view(saved);
    }

    private StaleTaskException stale(long taskId, int seen, int current) {
        return new StaleTaskException(taskId, seen, current, changes.since(taskId, seen));
    }

    @FunctionalInterface
    private interface EventFactory {
        TaskChanged of(Task task, Diff diff);
    }

    // --- rules ---

    private static String title(@Nullable String title, Map<String, String> errors) {
        var text = title == null ? "" : title.strip();
        if (text.isEmpty()) {
            errors.put("title", "Say what is to be done, such as \"Call Anna about the quote for 40 chairs\".");
        } else if (text.length() > TITLE_MAX) {
            errors.put("title", "Keep the title to " + TITLE_MAX + " characters (it has " + text.length()
                    + "); put the details into the notes.");
        }
        return text;
    }

    private static @Nullable String notes(@Nullable String notes, Map<String, String> errors) {
        var text = notes == null ? "" : notes.strip();
        if (text.length() > NOTES_MAX) {
            errors.put("notes", "Keep the notes to " + NOTES_MAX + " characters.");
        }
        return text.isEmpty() ? null : text;
    }

    private static @Nullable String reason(@Nullable String reason) {
        var text = reason == null ? "" : reason.strip();
        if (text.length() > REASON_MAX) {
            throw TaskRuleException.of("reason", "Keep the reason to " + REASON_MAX + " characters.");
        }
        return text.isEmpty() ? null : text;
    }

    private static @Nullable Long link(@Nullable Long given, @Nullable Long current, String field,
            Map<String, String> errors) {
        if (given == null) {
            return current;
        }
        if (given < 0) {
            errors.put(field, "Use the record's id, or 0 to remove the link.");
        }
        return given <= 0 ? null : given;
    }

    /** The due date and time a person gave, checked; business days count from today unless {@code from} is given. */
    private Resolved resolve(Due due, Map<String, String> errors) {
        var written = due.in() != null && !due.in().isBlank();
        Integer days = due.inBusinessDays();
        if (written) {
            var parsed = FollowUps.parseBusinessDays(due.in());
            if (parsed.isEmpty()) {
                errors.put("dueIn", "Write it as a number of business days, such as \"3 business days\".");
                return new Resolved(today(), due.time());
            }
            if (days != null && days != parsed.getAsInt()) {
                errors.put("dueIn", "Give the business days once: \"" + due.in().strip() + "\" and " + days + " differ.");
            }
            days = parsed.getAsInt();
        }
        var daysField = written ? "dueIn" : "dueInBusinessDays";
        if (days != null) {
            if (due.date() != null) {
                errors.put("dueDate", "Give a due date or a number of business days, not both.");
                return new Resolved(due.date(), due.time());
            }
            if (days < 0) {
                errors.put(daysField, "Count business days forward: use 0 or more.");
                return new Resolved(today(), due.time());
            }
            if (days > 999) {
                errors.put(daysField, "Use at most 999 business days, or pick a date.");
                return new Resolved(today(), due.time());
            }
            var date = followUps.after(due.from() == null ? today() : due.from(), days);
            checkDate(date, daysField, errors);
            return new Resolved(date, due.time());
        }
        if (due.date() == null) {
            errors.put("dueDate", "Choose a due date (such as " + followUps.fromToday(1)
                    + "), or a number of business days.");
            return new Resolved(today(), due.time());
        }
        checkDate(due.date(), "dueDate", errors);
        return new Resolved(due.date(), due.time());
    }

    private void checkDate(LocalDate date, String field, Map<String, String> errors) {
        var today = today();
        if (date.isBefore(today)) {
            errors.put(field, "That date (" + date + ") is in the past; choose today (" + today + ") or later.");
        } else if (ChronoUnit.YEARS.between(today, date) >= MAX_YEARS_AHEAD) {
            errors.put(field, "That date (" + date + ") is more than " + MAX_YEARS_AHEAD
                    + " years ahead; choose a nearer one.");
        }
    }

    private void checkAssignee(long userId, String field, Map<String, String> errors) {
        UserView user;
        try {
            user = identity.user(userId);
        } catch (UserNotFoundException e) {
            errors.put(field, "There is no user with id " + userId + ". Choose someone from the team.");
            return;
        }
        if (!user.active()) {
            errors.put(field, user.displayName() + " (" + user.username()
                    + ") is deactivated and cannot take tasks. Choose an active colleague.");
        } else if (!user.role().has(Permission.INBOX_WORK)) {
            errors.put(field, user.displayName() + " (" + user.username() + ") has the " + user.role().label()
                    + " role, which cannot work on tasks. Choose a colleague who can.");
        }
    }

    private void requireAssignPermission(Actor actor, String what) {
        if (actor.userId() == null) {
            return; // the system itself, such as an offboarding hand-over
        }
        var role = identity.user(actor.userId()).role();
        if (!role.has(Permission.WORK_ASSIGN)) {
            throw new TaskNotAllowedException("Your role (" + role.label() + ") cannot " + what
                    + "; ask a manager, or ask the assignee to hand it over.");
        }
    }

    // --- views ---

    private Task load(long taskId) {
        return tasks.findById(taskId).orElseThrow(() -> TaskNotFoundException.forId(taskId));
    }

    private TaskView view(Task task) {
        return task.view(nameOf(task.assigneeId()));
    }

    private Map<Long, String> names() {
        return identity.users().stream().collect(Collectors.toMap(UserView::id, UserView::displayName));
    }

    private static List<TaskView> named(List<TaskView> views, Map<Long, String> names) {
        return views.stream().map(v -> v.withAssigneeName(names.getOrDefault(v.assigneeId(), "#" + v.assigneeId())))
                .toList();
    }

    private String nameOf(long userId) {
        try {
            return identity.user(userId).displayName();
        } catch (UserNotFoundException e) {
            return "#" + userId;
        }
    }

    private String usernameOf(long userId) {
        try {
            return identity.user(userId).username();
        } catch (UserNotFoundException e) {
            return "#" + userId;
        }
    }

    private static Map<String, Object> audit(Map<String, @Nullable Object> fields) {
        return new LinkedHashMap<>(fields);
    }

    private static Map<String, Object> withReason(Map<String, Object> after, @Nullable String reason) {
        if (reason != null) {
            after.put("reason", reason);
        }
        return after;
    }

    private record Resolved(LocalDate date, @Nullable LocalTime time) {
    }
}
