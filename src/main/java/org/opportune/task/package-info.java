/**
 * Tasks: follow-ups and next actions with a title, a due date (and optional time in the business time
 * zone), one assignee, a status (open, done, cancelled) and links to an opportunity, conversation,
 * company or contact by id. {@link org.opportune.task.TaskService} is the facade: create, edit,
 * complete, reopen, reschedule, reassign, cancel, and the queries other modules use (a person's
 * overdue / today / upcoming tasks, the tasks of a linked record, overdue counts).
 * {@link org.opportune.task.BusinessCalendar} and {@link org.opportune.task.FollowUps} count business
 * days (weekends and {@code opportune.task.holidays} skipped) for due dates such as "3 business days".
 * Publishes the audited {@link org.opportune.task.TaskEvents.TaskChanged} events (created, edited,
 * completed, reopened, rescheduled, reassigned, cancelled) and {@link org.opportune.task.TaskEvents.TaskDue}
 * once when a task falls due. Consumes {@code ConversationsMerged} to keep conversation links.
 *
 * <p>Not here yet: the per-user ICS feed of due tasks (a later issue; ical4j per ARCHITECTURE.md).
 * {@code TaskView} already carries what a VTODO/VEVENT needs: due date, optional time and its zone.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "web", "identity", "conversation", "customer"})
package org.opportune.task;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
