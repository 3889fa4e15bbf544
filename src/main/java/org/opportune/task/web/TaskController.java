package org.opportune.task.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.shared.SignedInUser;
import org.opportune.task.Due;
import org.opportune.task.FollowUps;
import org.opportune.task.StaleTaskException;
import org.opportune.task.TaskLink;
import org.opportune.task.TaskNotAllowedException;
import org.opportune.task.TaskNotFoundException;
import org.opportune.task.TaskRuleException;
import org.opportune.task.TaskService;
import org.opportune.task.TaskStateException;
import org.opportune.task.TaskView;
import org.opportune.web.Flash;
import org.opportune.web.Htmx;

/**
 * "My tasks" (overdue, today, upcoming, done recently) with quick actions, the create form, and the
 * fragment of a record's tasks that conversation, opportunity and customer pages include with
 * {@code hx-get="/tasks/fragment?conversation=ID&returnTo=..."}. Quick actions are plain forms that
 * redirect back, so they work without JavaScript.
 */
@Controller
@RequestMapping("/tasks")
class TaskController {

    private final TaskService tasks;
    private final FollowUps followUps;

    TaskController(TaskService tasks, FollowUps followUps) {
        this.tasks = tasks;
        this.followUps = followUps;
    }

    /** The page; with {@code HX-Request} only the board. */
    @GetMapping
    @PreAuthorize("hasAuthority('INBOX_VIEW')")
    String list(@AuthenticationPrincipal SignedInUser me, HttpServletRequest request, Model model) {
        model.addAttribute("page", page(me, TaskForm.empty(), Map.of()));
        return Htmx.isHtmx(request) ? "task/fragments/board" : "task/tasks";
    }

    @PostMapping
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String create(@AuthenticationPrincipal SignedInUser me, @ModelAttribute("form") TaskForm form, Model model,
            RedirectAttributes redirect) {
        var errors = new LinkedHashMap<String, String>();
        var command = form.toCommand(errors);
        if (errors.isEmpty()) {
            try {
                var created = tasks.create(me.asActor(), command);
                Flash.message(redirect, "Task \"" + created.title() + "\" is due " + describe(created) + ".");
                return "redirect:" + safe(form.returnTo());
            } catch (TaskRuleException e) {
                errors.putAll(e.errors());
            } catch (TaskNotAllowedException e) {
                errors.put("assigneeId", e.getMessage());
            }
        }
        model.addAttribute("page", page(me, form, errors));
        return "task/tasks";
    }

    /** A record's tasks with a small create form linked to it; an HTMX partial for other pages. */
    @GetMapping("/fragment")
    @PreAuthorize("hasAuthority('INBOX_VIEW')")
    String fragment(@AuthenticationPrincipal SignedInUser me,
            @RequestParam(required = false) @Nullable Long opportunity,
            @RequestParam(required = false) @Nullable Long conversation,
            @RequestParam(required = false) @Nullable Long company,
            @RequestParam(required = false) @Nullable Long contact,
            @RequestParam(required = false) @Nullable String returnTo, Model model) {
        var link = opportunity != null ? TaskLink.opportunity(opportunity)
                : conversation != null ? TaskLink.conversation(conversation)
                : company != null ? TaskLink.company(company)
                : contact != null ? TaskLink.contact(contact)
                : null;
        if (link == null) {
            throw new IllegalArgumentException("Say which record: opportunity, conversation, company or contact.");
        }
        var back = safe(returnTo);
        model.addAttribute("page", new Pages.LinkedTasks(link, tasks.tasksLinkedTo(link),
                TaskForm.linkedTo(link.type().label(), link.id(), back), rows(me, back)));
        return "task/fragments/linked";
    }

    @PostMapping("/{id}/complete")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String complete(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, QuickForm form,
            RedirectAttributes redirect) {
        return act(redirect, form, () -> {
            var task = tasks.complete(me.asActor(), id, form.version());
            return "Done: \"" + task.title() + "\".";
        });
    }

    @PostMapping("/{id}/reopen")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String reopen(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, QuickForm form,
            RedirectAttributes redirect) {
        return act(redirect, form, () -> {
            var task = tasks.reopen(me.asActor(), id, form.version());
            return "Reopened: \"" + task.title() + "\", due " + describe(task) + ".";
        });
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String cancel(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, QuickForm form,
            RedirectAttributes redirect) {
        return act(redirect, form, () -> {
            var task = tasks.cancel(me.asActor(), id, form.reason(), form.version());
            return "Cancelled: \"" + task.title() + "\".";
        });
    }

    @PostMapping("/{id}/reschedule")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String reschedule(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, QuickForm form,
            RedirectAttributes redirect) {
        return act(redirect, form, () -> {
            var errors = new LinkedHashMap<String, String>();
            var due = form.due(errors);
            if (!errors.isEmpty()) {
                return String.join(" ", errors.values());
            }
            var task = tasks.reschedule(me.asActor(), id, due, form.reason(), form.version());
            return "\"" + task.title() + "\" is now due " + describe(task) + ".";
        });
    }

    @PostMapping("/{id}/reassign")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String reassign(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, QuickForm form,
            RedirectAttributes redirect) {
        return act(redirect, form, () -> {
            var assignee = new Inputs(new LinkedHashMap<>()).number(form.assigneeId(), "assigneeId");
            if (assignee == null) {
                return "Choose who does the task from now on.";
            }
            var task = tasks.reassign(me.asActor(), id, assignee, form.reason(), form.version());
            return "\"" + task.title() + "\" is now " + task.assigneeName() + "'s.";
        });
    }

    @ExceptionHandler(TaskNotFoundException.class)
    void notFound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.sendError(404);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    void badRequest(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.sendError(400);
    }

    /** The fields of the quick actions: the version seen, a new due date or business days, an assignee, a reason. */
    record QuickForm(@Nullable Integer version, @Nullable String dueDate, @Nullable String dueTime,
            @Nullable String dueIn, @Nullable String dueFrom, @Nullable String assigneeId, @Nullable String reason,
            @Nullable String returnTo) {

        Due due(Map<String, String> errors) {
            return new Inputs(errors).due(dueDate, dueTime, dueIn, null, dueFrom);
        }
    }

    private String act(RedirectAttributes redirect, QuickForm form, Action action) {
        try {
            Flash.message(redirect, action.run());
        } catch (TaskRuleException | TaskStateException | TaskNotAllowedException | StaleTaskException e) {
            Flash.message(redirect, e.getMessage());
        }
        return "redirect:" + safe(form.returnTo());
    }

    @FunctionalInterface
    private interface Action {
        String run();
    }

    private Pages.TasksPage page(SignedInUser me, TaskForm form, Map<String, String> errors) {
        return new Pages.TasksPage(tasks.boardOf(me.userId()), form, errors, rows(me, "/tasks"));
    }

    private Pages.Rows rows(SignedInUser me, String returnTo) {
        return new Pages.Rows(followUps.today(), followUps.now(), followUps.calendar(),
                tasks.assignees(), me.userId(), returnTo, followUps.zone().getId());
    }

    private String describe(TaskView task) {
        return task.dueDate() + (task.dueTime() == null ? "" : " at " + task.dueTime());
    }

    /** Only a path of this site: never another host after a POST. */
    static String safe(@Nullable String returnTo) {
        if (returnTo == null || !returnTo.startsWith("/") || returnTo.startsWith("//") || returnTo.contains("\\")
                || returnTo.contains("\r") || returnTo.contains("\n")) {
            return "/tasks";
        }
        return returnTo;
    }
}
