package org.opportune.opportunity.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

import org.opportune.opportunity.AlreadyOwnedException;
import org.opportune.opportunity.BoardFilter;
import org.opportune.opportunity.FieldChange;
import org.opportune.opportunity.OpportunityAccessException;
import org.opportune.opportunity.OpportunityNotFoundException;
import org.opportune.opportunity.OpportunityRuleException;
import org.opportune.opportunity.OpportunityService;
import org.opportune.opportunity.OpportunityView;
import org.opportune.opportunity.PipelineService;
import org.opportune.opportunity.StageKind;
import org.opportune.opportunity.StageMove;
import org.opportune.opportunity.StageView;
import org.opportune.opportunity.StaleOpportunityException;
import org.opportune.shared.SignedInUser;
import org.opportune.opportunity.web.Pages.Prompt;
import org.opportune.web.Htmx;

/**
 * The pipeline board: columns per stage with counts and totals, filters, and moving a card (drag and drop or
 * its "Move to" menu). A move goes through {@link OpportunityService#moveToStage}, so the same rules hold as
 * on the opportunity page; what a move still needs (the lost reason, the won value, a reopen) or why it was
 * refused comes back inside the card. With HTMX every answer is the whole board, so counts and totals stay right.
 */
@Controller
@RequestMapping("/pipeline")
@PreAuthorize("hasAuthority('PIPELINE_VIEW')")
class BoardController {

    private final OpportunityService opportunities;
    private final PipelineService pipeline;

    BoardController(OpportunityService opportunities, PipelineService pipeline) {
        this.opportunities = opportunities;
        this.pipeline = pipeline;
    }

    @GetMapping
    String board(@AuthenticationPrincipal SignedInUser me, Authentication auth, HttpServletRequest request,
            @RequestParam(required = false) String owner, @RequestParam(required = false) String mailbox,
            @RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "false") boolean stalled,
            Model model) {
        return render(me, auth, request, new BoardFilter(owner, mailbox, overdue, stalled), null, null, model);
    }

    /**
     * One card's "Move to" form: into the card when HTMX asks (the person opened its "Move…"), otherwise on a page
     * of its own whose form posts like the one in place and comes back to the filtered board. Drag and drop does
     * not need it (the board's one hidden form carries the drop).
     */
    @GetMapping("/cards/{id}/move")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String moveForm(@AuthenticationPrincipal SignedInUser me, HttpServletRequest request, @PathVariable long id,
            @RequestParam(required = false) Integer version, @RequestParam(required = false) String owner,
            @RequestParam(required = false) String mailbox, @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "false") boolean stalled, Model model) {
        var o = opportunities.opportunity(me.asActor(), id);
        var inPlace = Htmx.isHtmx(request);
        var columns = pipeline.activeStages().stream().sorted(StageView.BOARD_ORDER).toList();
        model.addAttribute("form", new Pages.MoveForm(o.id(), o.title(), o.stage(), o.stageName(),
                version == null ? o.version() : version, new BoardFilter(owner, mailbox, overdue, stalled), columns, inPlace));
        return inPlace ? "opportunity/fragments/cardMove" : "opportunity/cardMove";
    }

    @PostMapping("/move")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String move(@AuthenticationPrincipal SignedInUser me, Authentication auth, HttpServletRequest request,
            @RequestParam long id, @RequestParam String stage, @RequestParam int version,
            @RequestParam(required = false) String value, @RequestParam(required = false) String lostReason,
            @RequestParam(required = false) String note, @RequestParam(defaultValue = "false") boolean confirm,
            @RequestParam(required = false) String owner, @RequestParam(required = false) String mailbox,
            @RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "false") boolean stalled,
            Model model) {
        var filter = new BoardFilter(owner, mailbox, overdue, stalled);
        var actor = me.asActor();
        var target = pipeline.activeStages().stream().filter(s -> s.key().equals(stage)).findFirst().orElse(null);
        try {
            var errors = new LinkedHashMap<String, String>();
            var amount = OpportunityForm.decimal(value, errors);
            if (!errors.isEmpty()) {
                throw OpportunityRuleException.of("value", errors.get("value"));
            }
            var moved = opportunities.moveToStage(actor, id, new StageMove(stage, version, amount, lostReason, note));
            return render(me, auth, request, filter, null, "'" + moved.title() + "' is in " + moved.stageName() + " now.", model);
        } catch (OpportunityRuleException e) {
            var o = opportunities.opportunity(actor, id);
            Prompt prompt;
            if (!o.open()) {
                var back = target != null && target.open() ? target.key() : firstOpen();
                prompt = prompt(o, "reopen", back, "It is closed (" + o.stageName() + "). To move it, reopen it: choose "
                        + "the stage and a new, dated next action.", Map.of(), List.of(), value, lostReason, note);
            } else if (target != null && target.kind() == StageKind.LOST) {
                prompt = prompt(o, "lost", stage, "Why was it lost?", confirm ? e.errors() : Map.of(), List.of(),
                        value, lostReason, note);
            } else if (target != null && target.kind() == StageKind.WON && e.errors().containsKey("value")) {
                prompt = prompt(o, "won", stage, confirm ? "Won needs its value." : "What is it worth?",
                        confirm ? e.errors() : Map.of(), List.of(), value, lostReason, note);
            } else {
                prompt = prompt(o, "refused", stage, "Not moved: " + e.getMessage(), Map.of(), List.of(), value,
                        lostReason, note);
            }
            return render(me, auth, request, filter, prompt, null, model);
        } catch (StaleOpportunityException e) {
            return render(me, auth, request, filter, stale(actor, id, stage, e), null, model);
        } catch (AlreadyOwnedException | OpportunityAccessException e) {
            var o = opportunities.opportunity(actor, id);
            return render(me, auth, request, filter, prompt(o, "refused", stage, "Not moved: " + e.getMessage(), Map.of(),
                    List.of(), value, lostReason, note), null, model);
        }
    }

    @PostMapping("/reopen")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String reopen(@AuthenticationPrincipal SignedInUser me, Authentication auth, HttpServletRequest request,
            @RequestParam long id, @RequestParam(defaultValue = "") String stage, @RequestParam int version,
            @RequestParam(required = false) String nextAction, @RequestParam(required = false) String nextActionDue,
            @RequestParam(required = false) String owner, @RequestParam(required = false) String mailbox,
            @RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "false") boolean stalled,
            Model model) {
        var filter = new BoardFilter(owner, mailbox, overdue, stalled);
        var actor = me.asActor();
        try {
            var errors = new LinkedHashMap<String, String>();
            var due = OpportunityForm.date(nextActionDue, "nextActionDue", errors);
            if (!errors.isEmpty()) {
                throw OpportunityRuleException.of("nextActionDue", errors.get("nextActionDue"));
            }
            var reopened = opportunities.reopen(actor, id, version, stage, nextAction, due);
            return render(me, auth, request, filter, null, "'" + reopened.title() + "' is open again, in "
                    + reopened.stageName() + ".", model);
        } catch (OpportunityRuleException e) {
            var o = opportunities.opportunity(actor, id);
            var prompt = o.open()
                    ? prompt(o, "refused", stage, "Not reopened: " + e.getMessage(), Map.of(), List.of(), null, null, null)
                    : new Prompt(o.id(), o.title(), "reopen", stage, o.version(), "Not reopened yet: check the fields below.",
                            e.errors(), List.of(), "", "", "", text(nextAction), text(nextActionDue));
            return render(me, auth, request, filter, prompt, null, model);
        } catch (StaleOpportunityException e) {
            return render(me, auth, request, filter, stale(actor, id, stage, e), null, model);
        } catch (OpportunityAccessException e) {
            var o = opportunities.opportunity(actor, id);
            return render(me, auth, request, filter, prompt(o, "refused", stage, "Not reopened: " + e.getMessage(),
                    Map.of(), List.of(), null, null, null), null, model);
        }
    }

    @ExceptionHandler(OpportunityNotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(404);
    }

    private Prompt stale(org.opportune.shared.Actor actor, long id, String stage, StaleOpportunityException e) {
        var o = opportunities.opportunity(actor, id);
        List<FieldChange> changes = e.changes();
        return prompt(o, "stale", stage, "Someone changed this opportunity after you loaded the board, so it was not "
                + "moved. Here is what changed; move it again if you still want to.", Map.of(), changes, null, null, null);
    }

    private static Prompt prompt(OpportunityView o, String kind, String stage, String message, Map<String, String> errors,
            List<FieldChange> changes, @Nullable String value, @Nullable String lostReason, @Nullable String note) {
        return new Prompt(o.id(), o.title(), kind, stage, o.version(), message, errors, changes, text(value),
                text(lostReason), text(note), "", "");
    }

    private String firstOpen() {
        return pipeline.activeStages().stream().filter(StageView::open).map(StageView::key).findFirst().orElse("");
    }

    private String render(SignedInUser me, Authentication auth, HttpServletRequest request, BoardFilter filter,
            @Nullable Prompt prompt, @Nullable String message, Model model) {
        var can = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
        var board = opportunities.board(me.asActor(), filter);
        model.addAttribute("page", new Pages.BoardPage(board, filter, opportunities.assignableUsers(),
                opportunities.mailboxAddresses(), can.contains("INBOX_WORK"),
                pipeline.activeStages().stream().filter(StageView::open).toList(), opportunities.lostReasons(), prompt,
                message));
        return Htmx.isHtmx(request) ? "opportunity/fragments/board" : "opportunity/board";
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

}
