package org.opportune.review.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.conversation.ConversationNotFoundException;
import org.opportune.conversation.ConversationRuleException;
import org.opportune.conversation.ConversationWork;
import org.opportune.identity.Permission;
import org.opportune.opportunity.AlreadyOwnedException;
import org.opportune.opportunity.OpportunityAccessException;
import org.opportune.opportunity.OpportunityEdit;
import org.opportune.opportunity.OpportunityNotFoundException;
import org.opportune.opportunity.OpportunityRuleException;
import org.opportune.opportunity.OpportunityService;
import org.opportune.opportunity.PipelineService;
import org.opportune.opportunity.StageMove;
import org.opportune.opportunity.StaleOpportunityException;
import org.opportune.review.Preset;
import org.opportune.review.Queue;
import org.opportune.review.ReviewBoard;
import org.opportune.review.ReviewScope;
import org.opportune.review.ReviewService;
import org.opportune.shared.SignedInUser;
import org.opportune.task.Due;
import org.opportune.task.StaleTaskException;
import org.opportune.task.TaskNotAllowedException;
import org.opportune.task.TaskNotFoundException;
import org.opportune.task.TaskRuleException;
import org.opportune.task.TaskService;
import org.opportune.task.TaskStateException;
import org.opportune.web.Flash;
import org.opportune.web.Htmx;

/**
 * The review page. Every item's action posts here and goes to the owning module's service, so its rules
 * apply as everywhere else; HTMX swaps the re-rendered queues in place, and without JavaScript the form
 * redirects back to the same review (or shows it with the refusal next to the item).
 */
@Controller
@RequestMapping("/review")
@PreAuthorize("hasAuthority('INBOX_VIEW')")
class ReviewController {

    private final ReviewService review;
    private final ConversationWork work;
    private final OpportunityService opportunities;
    private final PipelineService pipeline;
    private final TaskService tasks;
    private final Clock clock;

    ReviewController(ReviewService review, ConversationWork work, OpportunityService opportunities,
            PipelineService pipeline, TaskService tasks, Clock clock) {
        this.review = review;
        this.work = work;
        this.opportunities = opportunities;
        this.pipeline = pipeline;
        this.tasks = tasks;
        this.clock = clock;
    }

    @GetMapping
    String page(@AuthenticationPrincipal SignedInUser me, Authentication auth,
            @RequestParam(defaultValue = "daily") String preset, @RequestParam(required = false) @Nullable String owner,
            HttpServletRequest request, Model model) {
        model.addAttribute("page", page(me, auth, preset, owner, Map.of(), null));
        return Htmx.isHtmx(request) ? "review/fragments/queues" : "review/review";
    }

    /**
     * One item's forms (assign; for an opportunity also next action, stage and close, as its queue allows): into
     * the item when HTMX asks, when the person opens them; without JavaScript on a page of their own, whose forms
     * post like the ones in place and come back to the review.
     */
    @GetMapping("/opportunities/{id}/forms")
    String opportunityForms(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @RequestParam(defaultValue = "") String queue, Back back, HttpServletRequest request, Model model) {
        var o = opportunities.opportunity(me.asActor(), id);
        model.addAttribute("page", formsPage(me, auth, back));
        model.addAttribute("queue", Queue.fromKey(queue).orElse(Queue.OVERDUE));
        model.addAttribute("o", o);
        model.addAttribute("title", o.title());
        model.addAttribute("itemLink", "/opportunities/" + id);
        return forms(request, model, "review/fragments/opportunityActions");
    }

    @GetMapping("/conversations/{id}/forms")
    String conversationForms(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @RequestParam(defaultValue = "") String queue, Back back, HttpServletRequest request, Model model) {
        var state = work.state(id);
        model.addAttribute("page", formsPage(me, auth, back));
        model.addAttribute("queue", Queue.fromKey(queue).orElse(Queue.CUSTOMER_WAITING));
        model.addAttribute("conversationId", id);
        model.addAttribute("ownerId", state.ownerId());
        model.addAttribute("title", state.subject().isBlank() ? "(no subject)" : state.subject());
        model.addAttribute("itemLink", "/conversations/" + id);
        return forms(request, model, "review/fragments/conversationActions");
    }

    private static String forms(HttpServletRequest request, Model model, String fragment) {
        var inPlace = Htmx.isHtmx(request);
        model.addAttribute("inPlace", inPlace);
        model.addAttribute("fragment", fragment);
        return inPlace ? fragment : "review/forms";
    }

    /** What the forms need of the page (people, stages, reasons, permissions), without reading the queues. */
    private ReviewPage formsPage(SignedInUser me, Authentication auth, Back back) {
        var team = has(auth, Permission.TEAM_REVIEW);
        var preset = Preset.fromKey(back.preset() == null ? "" : back.preset()).orElse(Preset.DAILY);
        var board = new ReviewBoard(preset, List.of(), Map.of(), opportunities.today(), 0);
        return page(me, auth, board, team ? owner(back.owner()) : null, team, Map.of(), null);
    }

    @ExceptionHandler({OpportunityNotFoundException.class, ConversationNotFoundException.class})
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(404);
    }

    @ExceptionHandler(OpportunityAccessException.class)
    void forbidden(HttpServletResponse response) throws IOException {
        response.sendError(403);
    }

    // --- conversations ---

    @PostMapping("/conversations/{id}/claim")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String claimConversation(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            Back back, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        return act(me, auth, back, "conversation-" + id, request, model, redirect, () -> {
            work.claim(me.asActor(), id);
            return "You own the conversation now.";
        });
    }

    @PostMapping("/conversations/{id}/assign")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String assignConversation(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @RequestParam(required = false) @Nullable Long userId, @RequestParam(required = false) @Nullable Long seenOwner,
            Back back, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        return act(me, auth, back, "conversation-" + id, request, model, redirect, () -> {
            if (userId == null) {
                throw new ConversationRuleException("Choose whom to assign the conversation to.");
            }
            work.assign(me.asActor(), has(auth, Permission.WORK_ASSIGN), id, userId, seenOwner, null);
            return "The conversation is assigned.";
        });
    }

    // --- opportunities ---

    @PostMapping("/opportunities/{id}/claim")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String claimOpportunity(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            Back back, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        return act(me, auth, back, "opportunity-" + id, request, model, redirect, () -> {
            var claimed = opportunities.claim(me.asActor(), id);
            return "'" + claimed.title() + "' is yours now.";
        });
    }

    @PostMapping("/opportunities/{id}/assign")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String assignOpportunity(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @RequestParam(required = false) @Nullable Long userId, Back back, HttpServletRequest request, Model model,
            RedirectAttributes redirect) {
        return act(me, auth, back, "opportunity-" + id, request, model, redirect, () -> {
            if (userId == null) {
                throw OpportunityRuleException.of("assignee", "Choose whom to give it to.");
            }
            var assigned = opportunities.assign(me.asActor(), id, userId, null);
            return "'" + assigned.title() + "' is " + assigned.ownerName() + "'s now.";
        });
    }

    @PostMapping("/opportunities/{id}/next-action")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String nextAction(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @RequestParam int version, @RequestParam(defaultValue = "") String nextAction,
            @RequestParam(defaultValue = "") String nextActionDue, Back back, HttpServletRequest request, Model model,
            RedirectAttributes redirect) {
        return act(me, auth, back, "opportunity-" + id, request, model, redirect, () -> {
            var due = date(nextActionDue, "nextActionDue");
            var updated = opportunities.update(me.asActor(), id, new OpportunityEdit(version,
                    Set.of("nextAction", "nextActionDue"), null, null, null, null, null, null, null, null,
                    nextAction, due, null, null));
            return "Next action of '" + updated.title() + "': " + updated.nextAction() + ", due "
                    + updated.nextActionDue() + ".";
        });
    }

    @PostMapping("/opportunities/{id}/stage")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String stage(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @RequestParam int version, @RequestParam(defaultValue = "") String stage,
            @RequestParam(required = false) @Nullable String value, @RequestParam(required = false) @Nullable String lostReason,
            @RequestParam(required = false) @Nullable String note, Back back, HttpServletRequest request, Model model,
            RedirectAttributes redirect) {
        return act(me, auth, back, "opportunity-" + id, request, model, redirect, () -> {
            if (stage.isBlank()) {
                throw OpportunityRuleException.of("stage", "Choose the stage to move it to.");
            }
            var moved = opportunities.moveToStage(me.asActor(), id, new StageMove(stage, version, amount(value),
                    blankToNull(lostReason), blankToNull(note)));
            return "'" + moved.title() + "' is in " + moved.stageName() + " now.";
        });
    }

    // --- tasks ---

    @PostMapping("/tasks/{id}/complete")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String completeTask(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @RequestParam(required = false) @Nullable Integer version, Back back, HttpServletRequest request, Model model,
            RedirectAttributes redirect) {
        return act(me, auth, back, "task-" + id, request, model, redirect, () -> {
            var done = tasks.complete(me.asActor(), id, version);
            return "Done: \"" + done.title() + "\".";
        });
    }

    @PostMapping("/tasks/{id}/reschedule")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String rescheduleTask(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @RequestParam(required = false) @Nullable Integer version, @RequestParam(defaultValue = "") String dueDate,
            Back back, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        return act(me, auth, back, "task-" + id, request, model, redirect, () -> {
            LocalDate date;
            try {
                date = dueDate.isBlank() ? null : LocalDate.parse(dueDate.strip());
            } catch (DateTimeParseException e) {
                throw new Refused("Write the date as YYYY-MM-DD, such as " + tasks.today().plusDays(1) + ".");
            }
            var moved = tasks.reschedule(me.asActor(), id, new Due(date, null, null, null, null), null, version);
            return "\"" + moved.title() + "\" is now due " + moved.dueDate() + ".";
        });
    }

    /** The review an action came from, so the answer shows the same preset and owner. */
    record Back(@Nullable String preset, @Nullable String owner) {
    }

    /** A form value this page cannot read, refused before any service is asked. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    private interface Action {
        String run();
    }

    private String act(SignedInUser me, Authentication auth, Back back, String item, HttpServletRequest request,
            Model model, RedirectAttributes redirect, Action action) {
        var preset = back.preset() == null ? "daily" : back.preset();
        String problem;
        try {
            var done = action.run();
            if (Htmx.isHtmx(request)) {
                model.addAttribute("page", page(me, auth, preset, back.owner(), Map.of(), done));
                return "review/fragments/queues";
            }
            Flash.message(redirect, done);
            var owner = has(auth, Permission.TEAM_REVIEW) ? owner(back.owner()) : null;
            return "redirect:" + ReviewPage.link(Preset.fromKey(preset).orElse(Preset.DAILY), owner);
        } catch (OpportunityRuleException e) {
            problem = String.join(" ", e.errors().values());
        } catch (TaskRuleException e) {
            problem = String.join(" ", e.errors().values());
        } catch (StaleOpportunityException | StaleTaskException e) {
            problem = "Someone changed it after you opened the review, so nothing was saved. It is shown as it is now; decide again.";
        } catch (Refused | ConversationRuleException | AlreadyOwnedException | OpportunityAccessException | TaskStateException
                | TaskNotAllowedException e) {
            problem = e.getMessage();
        } catch (ConversationNotFoundException | OpportunityNotFoundException | TaskNotFoundException e) {
            problem = "It is gone: someone merged or removed it meanwhile.";
        }
        var errors = Map.of(item, problem == null ? "That did not work." : problem);
        model.addAttribute("page", page(me, auth, preset, back.owner(), errors, "Nothing was changed: " + problem));
        return Htmx.isHtmx(request) ? "review/fragments/queues" : "review/review";
    }

    private ReviewPage page(SignedInUser me, Authentication auth, String presetKey, @Nullable String ownerText,
            Map<String, String> errors, @Nullable String message) {
        var team = has(auth, Permission.TEAM_REVIEW);
        var pipelineView = has(auth, Permission.PIPELINE_VIEW);
        var owner = team ? owner(ownerText) : null;
        var preset = Preset.fromKey(presetKey).orElse(Preset.DAILY);
        var board = review.board(me.asActor(), new ReviewScope(me.userId(), team, pipelineView, owner), preset);
        return page(me, auth, board, owner, team, errors, message);
    }

    private ReviewPage page(SignedInUser me, Authentication auth, ReviewBoard board, @Nullable Long owner, boolean team,
            Map<String, String> errors, @Nullable String message) {
        return new ReviewPage(board, opportunities.assignableUsers(), owner, team, pipeline.activeStages(),
                opportunities.lostReasons(), new LinkedHashMap<>(errors), message, clock.instant(), me.userId(),
                has(auth, Permission.INBOX_WORK), has(auth, Permission.WORK_ASSIGN), has(auth, Permission.DEAL_VALUES_VIEW));
    }

    private static @Nullable Long owner(@Nullable String text) {
        if (text == null || !text.strip().matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(text.strip());
    }

    private static @Nullable LocalDate date(String text, String field) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw OpportunityRuleException.of(field, "Write the date as YYYY-MM-DD.");
        }
    }

    private static @Nullable BigDecimal amount(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw OpportunityRuleException.of("value", "Write the value as a number, such as 12500.");
        }
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static boolean has(Authentication auth, Permission permission) {
        return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(permission.authority()::equals);
    }
}
