package org.opportune.task.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.opportune.task.Assignee;
import org.opportune.task.BusinessCalendar;
import org.opportune.task.TaskBoard;
import org.opportune.task.TaskKind;
import org.opportune.task.TaskLink;
import org.opportune.task.TaskView;

/** What each task page and fragment needs. */
public final class Pages {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private Pages() {
    }

    /** "My tasks": the board, the create form with its errors, and what the rows' quick actions need. */
    public record TasksPage(TaskBoard board, TaskForm form, Map<String, String> errors, Rows rows) {

        public List<TaskKind> kinds() {
            return List.of(TaskKind.values());
        }
    }

    /** The tasks of one linked record, for other pages to include. */
    public record LinkedTasks(TaskLink link, List<TaskView> tasks, TaskForm form, Rows rows) {

        public long openCount() {
            return tasks.stream().filter(TaskView::open).count();
        }
    }

    /**
     * What every task row needs for its quick actions: today, the calendar for "+1 business day", next
     * week's first business day, who a task can go to, who is looking, and where to come back after a POST.
     */
    public record Rows(LocalDate today, Instant now, BusinessCalendar calendar, List<Assignee> assignees, long me,
            String returnTo, String zone) {

        /** One business day after the later of today and the task's due date. */
        public LocalDate plusOneBusinessDay(TaskView task) {
            var base = task.dueDate().isAfter(today) ? task.dueDate() : today;
            return calendar.addBusinessDays(base, 1);
        }

        public LocalDate nextWeek() {
            return calendar.startOfNextWeek(today);
        }

        public String day(LocalDate date) {
            if (date.equals(today)) {
                return "today";
            }
            if (date.equals(today.plusDays(1))) {
                return "tomorrow";
            }
            return DAY.format(date);
        }

        public String longDay(LocalDate date) {
            return DAY.format(date);
        }

        public String due(TaskView task) {
            return day(task.dueDate()) + (task.dueTime() == null ? "" : " " + task.dueTime());
        }

        public boolean overdue(TaskView task) {
            return task.isOverdue(now);
        }

        public boolean mine(TaskView task) {
            return task.assigneeId() == me;
        }
    }
}
