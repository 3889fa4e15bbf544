package org.opportune.opportunity.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.conversation.ConversationNotFoundException;
import org.opportune.conversation.ConversationService;
import org.opportune.opportunity.AlreadyOwnedException;
import org.opportune.opportunity.FieldChange;
import org.opportune.opportunity.OpportunityAccessException;
import org.opportune.opportunity.OpportunityFilter;
import org.opportune.opportunity.OpportunityNotFoundException;
import org.opportune.opportunity.OpportunityRuleException;
import org.opportune.opportunity.OpportunityService;
import org.opportune.opportunity.PipelineService;
import org.opportune.opportunity.StageMove;
import org.opportune.opportunity.StaleOpportunityException;
import org.opportune.shared.SignedInUser;
import org.opportune.web.Flash;

/**
 * The opportunity pages: the list, new (by hand or from a conversation), the opportunity with its edit form,
 * owner (claim, assign), stage buttons (won asks for the value, lost for the reason, in place), reopen,
 * linked conversations, stage history and timeline. Refusals come back on the page, next to the field.
 */
@Controller
@RequestMapping("/opportunities")
@PreAuthorize("hasAuthority('PIPELINE_VIEW')")
class OpportunityController {

    private final OpportunityService opportunities;
    private final PipelineService pipeline;
    private final ConversationService conversations;
    private final CustomerPicker picker;

    OpportunityController(OpportunityService opportunities, PipelineService pipeline, ConversationService conversations,
            CustomerPicker picker) {
        this.picker = picker;
        this.opportunities = opportunities;
        this.pipeline = pipeline;
        this.conversations = conversations;
    }

    @GetMapping
    String list(@AuthenticationPrincipal SignedInUser me, Authentication auth, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String owner, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") int page, Model model) {
        var filter = new OpportunityFilter(stage, owner, state, page);
        model.addAttribute("page", new Pages.ListPage(opportunities.list(me.asActor(), filter), pipeline.allStages(),
                opportunities.assignableUsers(), filter, authorities(auth).contains("DEAL_VALUES_VIEW")));
        return "opportunity/list";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String newOpportunity(@AuthenticationPrincipal SignedInUser me, Authentication auth,
            @RequestParam(required = false) Long conversation, Model model) {
        var draft = conversation == null ? opportunities.blankDraft()
                : opportunities.draftFromConversation(me.asActor(), conversation);
        model.addAttribute("page", new Pages.NewPage(picker.labelled(OpportunityForm.of(draft)), Map.of(),
                authorities(auth).contains("DEAL_VALUES_VIEW"), subject(conversation),
                opportunities.customerLabel(draft.companyId(), draft.contactId())));
        return "opportunity/new";
    }

    @PostMapping
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String create(@AuthenticationPrincipal SignedInUser me, Authentication auth, @ModelAttribute("form") OpportunityForm form,
            Model model, RedirectAttributes redirect) {
        var errors = new LinkedHashMap<String, String>();
        var command = picker.resolved(form, errors).toCommand(errors);
        if (errors.isEmpty()) {
            try {
                var created = opportunities.create(me.asActor(), command);
                Flash.message(redirect, "Opportunity '" + created.title() + "' is created"
                        + (created.unowned() ? " as an unassigned lead." : " and yours."));
                return "redirect:/opportunities/" + created.id();
            } catch (OpportunityRuleException e) {
                errors.putAll(e.errors());
            }
        }
        model.addAttribute("page", new Pages.NewPage(form, errors, authorities(auth).contains("DEAL_VALUES_VIEW"),
                subject(form.conversationId()), opportunities.customerLabel(command.companyId(), command.contactId())));
        return "opportunity/new";
    }

    /** Companies or contacts matching what was typed into the form's field, as datalist options. */
    @GetMapping("/customer-options")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String customerOptions(@RequestParam(defaultValue = "company") String kind, @RequestParam(required = false) String companyId,
            @RequestParam(required = false) String contactId, Model model) {
        var which = CustomerPicker.Kind.parse(kind);
        model.addAttribute("options", picker.options(which, which == CustomerPicker.Kind.COMPANY ? companyId : contactId));
        return "opportunity/fragments/customerOptions";
    }

    @GetMapping("/{id}")
    String show(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id, Model model) {
        return render(me, auth, id, null, Map.of(), null, List.of(), model);
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String update(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @ModelAttribute("form") OpportunityForm form, Model model, RedirectAttributes redirect) {
        var errors = new LinkedHashMap<String, String>();
        var edit = picker.resolved(form, errors).toEdit(errors);
        if (!errors.isEmpty()) {
            return render(me, auth, id, form, errors, "Nothing was saved: check the fields marked below.", List.of(), model);
        }
        try {
            opportunities.update(me.asActor(), id, edit);
            Flash.message(redirect, "Saved.");
            return "redirect:/opportunities/" + id;
        } catch (StaleOpportunityException e) {
            return render(me, auth, id, form.withVersion(e.currentVersion()), Map.of(),
                    "Someone changed this opportunity after you opened it, so nothing was saved. Here is what changed; "
                            + "your entries are kept below. Save again to apply them over the current version.",
                    e.changes(), model);
        } catch (OpportunityRuleException e) {
            return render(me, auth, id, form, e.errors(), "Nothing was saved: check the fields marked below.", List.of(), model);
        }
    }

    @PostMapping("/{id}/claim")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String claim(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id, Model model,
            RedirectAttributes redirect) {
        return act(me, auth, id, model, redirect, "It is yours now.", () -> opportunities.claim(me.asActor(), id));
    }

    @PostMapping("/{id}/assign")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String assign(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @RequestParam(required = false) Long userId, @RequestParam(required = false) String reason, Model model,
            RedirectAttributes redirect) {
        return act(me, auth, id, model, redirect, "The owner is changed.", () -> {
            if (userId == null) {
                throw OpportunityRuleException.of("assignee", "Choose whom to give it to.");
            }
            return opportunities.assign(me.asActor(), id, userId, reason);
        });
    }

    @PostMapping("/{id}/stage")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String stage(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @RequestParam String stage, @RequestParam int version, @RequestParam(required = false) String value,
            @RequestParam(required = false) String lostReason, @RequestParam(required = false) String note, Model model,
            RedirectAttributes redirect) {
        return act(me, auth, id, model, redirect, null, () -> {
            var errors = new LinkedHashMap<String, String>();
            var amount = OpportunityForm.decimal(value, errors);
            if (!errors.isEmpty()) {
                throw OpportunityRuleException.of("value", errors.get("value"));
            }
            return opportunities.moveToStage(me.asActor(), id, new StageMove(stage, version, amount, lostReason, note));
        });
    }

    @PostMapping("/{id}/reopen")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String reopen(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @RequestParam(defaultValue = "") String stage, @RequestParam int version,
            @RequestParam(required = false) String nextAction, @RequestParam(required = false) String nextActionDue,
            Model model, RedirectAttributes redirect) {
        return act(me, auth, id, model, redirect, "It is open again.", () -> {
            var errors = new LinkedHashMap<String, String>();
            var due = OpportunityForm.date(nextActionDue, "nextActionDue", errors);
            if (!errors.isEmpty()) {
                throw OpportunityRuleException.of("nextActionDue", errors.get("nextActionDue"));
            }
            return opportunities.reopen(me.asActor(), id, version, stage, nextAction, due);
        });
    }

    @PostMapping("/{id}/conversations")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String link(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @RequestParam(required = false) Long conversationId, Model model, RedirectAttributes redirect) {
        return act(me, auth, id, model, redirect, "The conversation is linked.", () -> {
            if (conversationId == null) {
                throw OpportunityRuleException.of("conversationId", "Enter the number of the conversation to link.");
            }
            opportunities.linkConversation(me.asActor(), id, conversationId);
            return null;
        });
    }

    @PostMapping("/{id}/conversations/{conversationId}/unlink")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String unlink(@AuthenticationPrincipal SignedInUser me, Authentication auth, @PathVariable long id,
            @PathVariable long conversationId, Model model, RedirectAttributes redirect) {
        return act(me, auth, id, model, redirect, "The conversation is unlinked.", () -> {
            opportunities.unlinkConversation(me.asActor(), id, conversationId);
            return null;
        });
    }

    @ExceptionHandler({OpportunityNotFoundException.class, ConversationNotFoundException.class})
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(404);
    }

    @ExceptionHandler(OpportunityAccessException.class)
    void forbidden(HttpServletResponse response) throws IOException {
        response.sendError(403);
    }

    private interface Action {
        @Nullable Object run();
    }

    /** Runs one action; on success back to the page with a confirmation, on a refusal the page with the reason. */
    private String act(SignedInUser me, Authentication auth, long id, Model model, RedirectAttributes redirect,
            @Nullable String done, Action action) {
        try {
            action.run();
            if (done != null) {
                Flash.message(redirect, done);
            }
            return "redirect:/opportunities/" + id;
        } catch (OpportunityRuleException e) {
            return render(me, auth, id, null, e.errors(), e.getMessage(), List.of(), model);
        } catch (StaleOpportunityException e) {
            return render(me, auth, id, null, Map.of(), "Someone changed this opportunity after you opened it, so "
                    + "nothing was done. Here is what changed; decide again.", e.changes(), model);
        } catch (AlreadyOwnedException | OpportunityAccessException e) {
            return render(me, auth, id, null, Map.of(), e.getMessage(), List.of(), model);
        }
    }

    private String render(SignedInUser me, Authentication auth, long id, @Nullable OpportunityForm form,
            Map<String, String> errors, @Nullable String problem, List<FieldChange> stale, Model model) {
        var actor = me.asActor();
        var o = opportunities.opportunity(actor, id);
        var can = authorities(auth);
        var work = can.contains("INBOX_WORK");
        var mine = o.ownerId() != null && o.ownerId() == me.userId();
        var manager = can.contains("WORK_ASSIGN");
        model.addAttribute("page", new Pages.ShowPage(o, pipeline.allStages(), opportunities.history(actor, id),
                opportunities.conversations(actor, id), opportunities.timeline(actor, id),
                opportunities.assignableUsers(), opportunities.lostReasons(), form == null ? picker.labelled(OpportunityForm.of(o)) : form,
                errors, problem, stale, work && (o.unowned() || mine || manager), work && o.open() && (mine || manager),
                work && o.open() && o.unowned(), opportunities.today().toString()));
        return "opportunity/show";
    }

    private @Nullable String subject(@Nullable Long conversationId) {
        return conversationId == null ? null
                : conversations.overview(conversationId).map(c -> c.subject()).orElse(null);
    }

    private static Set<String> authorities(Authentication auth) {
        return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }
}
