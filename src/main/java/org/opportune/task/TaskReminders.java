package org.opportune.task;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.opportune.task.TaskEvents.TaskDue;

/**
 * Publishes {@link TaskDue} once for each open task that fell due. Each task is claimed with a
 * conditional update in the same transaction as the event's publication, so with several nodes exactly
 * one announces it, and the event publication registry keeps the event for its listeners across a crash.
 */
@Component
class TaskReminders {

    private static final Logger log = LoggerFactory.getLogger(TaskReminders.class);
    private static final int BATCH = 200;

    private final TaskQueries queries;
    private final TaskRepository tasks;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final boolean enabled;

    TaskReminders(TaskQueries queries, TaskRepository tasks, ApplicationEventPublisher events, Clock clock,
            PlatformTransactionManager transactions, TaskProperties properties) {
        this.queries = queries;
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.enabled = properties.reminders();
    }

    @Scheduled(initialDelay = 30_000, fixedDelay = 60_000)
    void scheduled() {
        if (!enabled) {
            return;
        }
        try {
            announceDue();
        } catch (RuntimeException e) {
            log.warn("Could not announce due tasks; trying again in a minute", e);
        }
    }

    /** Announces the tasks that fell due; returns how many this node announced. */
    int announceDue() {
        var now = clock.instant();
        var announced = 0;
        for (var id : queries.dueUnannounced(now, BATCH)) {
            Boolean done = transaction.execute(status -> {
                if (!queries.markAnnounced(id, now)) {
                    return false;
                }
                var task = tasks.findById(id).orElseThrow();
                events.publishEvent(new TaskDue(id, task.assigneeId(), task.title(), task.dueDate(), task.dueTime(),
                        task.zone()));
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                announced++;
            }
        }
        return announced;
    }
}
