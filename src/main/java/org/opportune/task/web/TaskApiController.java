package org.opportune.task.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.opportune.shared.SignedInUser;
import org.opportune.task.TaskFilter;
import org.opportune.task.TaskLink;
import org.opportune.task.TaskService;
import org.opportune.task.TaskStatus;
import org.opportune.task.TaskView;
import org.opportune.task.web.TaskRequests.Action;
import org.opportune.task.web.TaskRequests.CreateTask;
import org.opportune.task.web.TaskRequests.PatchTask;
import org.opportune.task.web.TaskRequests.Reassign;
import org.opportune.task.web.TaskRequests.Reschedule;

/**
 * Tasks as JSON: the same facade and rules as the pages. Reading needs INBOX_VIEW, changing INBOX_WORK.
 * Every change may carry the {@code version} last seen (PATCH must); a stale one is answered with 409
 * and the changes made since.
 */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskApiController {

    private static final int DEFAULT_LIMIT = 100;

    private final TaskService tasks;

    TaskApiController(TaskService tasks) {
        this.tasks = tasks;
    }

    /**
     * Lists tasks. {@code assignee} is {@code me} or a user id; {@code dueBefore}/{@code dueAfter} are
     * exclusive dates; one of {@code opportunity}, {@code conversation}, {@code company}, {@code contact}.
     */
    @GetMapping
    @PreAuthorize("hasAuthority('INBOX_VIEW')")
    List<TaskView> list(@AuthenticationPrincipal SignedInUser me,
            @RequestParam(required = false) @Nullable String assignee,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String dueBefore,
            @RequestParam(required = false) @Nullable String dueAfter,
            @RequestParam(required = false) @Nullable Boolean overdue,
            @RequestParam(required = false) @Nullable Long opportunity,
            @RequestParam(required = false) @Nullable Long conversation,
            @RequestParam(required = false) @Nullable Long company,
            @RequestParam(required = false) @Nullable Long contact,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit,
            @RequestParam(defaultValue = "0") int offset) {
        var errors = new LinkedHashMap<String, String>();
        var in = new Inputs(errors);
        Long assigneeId = null;
        if (assignee != null && !assignee.isBlank()) {
            assigneeId = "me".equalsIgnoreCase(assignee.strip()) ? Long.valueOf(me.userId()) : in.number(assignee, "assignee");
        }
        TaskStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = TaskStatus.fromLabel(status);
            } catch (IllegalArgumentException e) {
                errors.put("status", e.getMessage());
            }
        }
        var links = new LinkedHashMap<TaskLink.Type, Long>();
        putLink(links, TaskLink.Type.OPPORTUNITY, opportunity);
        putLink(links, TaskLink.Type.CONVERSATION, conversation);
        putLink(links, TaskLink.Type.COMPANY, company);
        putLink(links, TaskLink.Type.CONTACT, contact);
        TaskLink link = null;
        if (links.size() > 1) {
            errors.put("link", "Filter by one linked record at a time.");
        } else if (links.size() == 1) {
            var entry = links.entrySet().iterator().next();
            if (entry.getValue() <= 0) {
                errors.put(entry.getKey().label(), "Use the record's id, a positive number.");
            } else {
                link = new TaskLink(entry.getKey(), entry.getValue());
            }
        }
        if (limit < 1 || limit > TaskFilter.MAX_LIMIT) {
            errors.put("limit", "Use a limit from 1 to " + TaskFilter.MAX_LIMIT + ".");
        }
        if (offset < 0) {
            errors.put("offset", "Use an offset of 0 or more.");
        }
        var before = in.date(dueBefore, "dueBefore");
        var after = in.date(dueAfter, "dueAfter");
        if (!errors.isEmpty()) {
            throw new TaskRequestException(errors);
        }
        return tasks.find(new TaskFilter(assigneeId, wanted, before, after, overdue, link, limit, offset));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('INBOX_VIEW')")
    TaskView one(@PathVariable long id) {
        return tasks.task(id);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    ResponseEntity<TaskView> create(@AuthenticationPrincipal SignedInUser me, @RequestBody CreateTask request) {
        var created = tasks.create(me.asActor(), request.toCommand());
        return ResponseEntity.created(URI.create("/api/v1/tasks/" + created.id())).body(created);
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    TaskView edit(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestBody PatchTask request) {
        return tasks.edit(me.asActor(), id, request.toEdit());
    }

    @PostMapping("/{id}/complete")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    TaskView complete(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestBody(required = false) @Nullable Action request) {
        return tasks.complete(me.asActor(), id, orNone(request).version());
    }

    @PostMapping("/{id}/reopen")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    TaskView reopen(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestBody(required = false) @Nullable Action request) {
        return tasks.reopen(me.asActor(), id, orNone(request).version());
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    TaskView cancel(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestBody(required = false) @Nullable Action request) {
        var action = orNone(request);
        return tasks.cancel(me.asActor(), id, action.reason(), action.version());
    }

    @PostMapping("/{id}/reschedule")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    TaskView reschedule(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestBody Reschedule request) {
        return tasks.reschedule(me.asActor(), id, request.toDue(), request.reason(), request.version());
    }

    @PostMapping("/{id}/reassign")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    TaskView reassign(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestBody Reassign request) {
        if (request.assigneeId() == null) {
            throw new TaskRequestException(Map.of("assigneeId", "Choose who does the task from now on (a user id)."));
        }
        return tasks.reassign(me.asActor(), id, request.assigneeId(), request.reason(), request.version());
    }

    private static Action orNone(@Nullable Action request) {
        return request == null ? Action.none() : request;
    }

    private static void putLink(Map<TaskLink.Type, Long> links, TaskLink.Type type, @Nullable Long id) {
        if (id != null) {
            links.put(type, id);
        }
    }
}
