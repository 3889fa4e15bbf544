package org.opportune.opportunity.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import org.opportune.opportunity.LinkedConversation;
import org.opportune.opportunity.OpportunityEdit;
import org.opportune.opportunity.OpportunityFilter;
import org.opportune.opportunity.OpportunityRuleException;
import org.opportune.opportunity.OpportunityService;
import org.opportune.opportunity.OpportunityView;
import org.opportune.opportunity.Outcome;
import org.opportune.opportunity.StageHistoryEntry;
import org.opportune.opportunity.StageMove;
import org.opportune.opportunity.TimelineEntry;
import org.opportune.opportunity.web.ApiRequests.AssignRequest;
import org.opportune.opportunity.web.ApiRequests.CloseRequest;
import org.opportune.opportunity.web.ApiRequests.CreateRequest;
import org.opportune.opportunity.web.ApiRequests.LinkRequest;
import org.opportune.opportunity.web.ApiRequests.ReopenRequest;
import org.opportune.opportunity.web.ApiRequests.StageRequest;
import org.opportune.shared.SignedInUser;

/**
 * Opportunities as JSON: the same facade and rules as the pages. Read needs PIPELINE_VIEW, changes
 * INBOX_WORK (the facade checks the finer rules: owner or WORK_ASSIGN, deal values). Values are
 * {@code null} for people who may not see them.
 */
@RestController
@RequestMapping("/api/v1/opportunities")
class OpportunityApiController {

    private final OpportunityService opportunities;

    OpportunityApiController(OpportunityService opportunities) {
        this.opportunities = opportunities;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('PIPELINE_VIEW')")
    List<OpportunityView> list(@AuthenticationPrincipal SignedInUser me, @RequestParam(required = false) String stage,
            @RequestParam(required = false) String owner, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "0") int page) {
        return opportunities.list(me.asActor(), new OpportunityFilter(stage, owner, state, page));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('PIPELINE_VIEW')")
    OpportunityView one(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return opportunities.opportunity(me.asActor(), id);
    }

    @GetMapping("/{id}/history")
    @PreAuthorize("hasAuthority('PIPELINE_VIEW')")
    List<StageHistoryEntry> history(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return opportunities.history(me.asActor(), id);
    }

    @GetMapping("/{id}/timeline")
    @PreAuthorize("hasAuthority('PIPELINE_VIEW')")
    List<TimelineEntry> timeline(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return opportunities.timeline(me.asActor(), id);
    }

    @GetMapping("/{id}/conversations")
    @PreAuthorize("hasAuthority('PIPELINE_VIEW')")
    List<LinkedConversation> conversations(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return opportunities.conversations(me.asActor(), id);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    ResponseEntity<OpportunityView> create(@AuthenticationPrincipal SignedInUser me, @RequestBody CreateRequest request) {
        var created = opportunities.create(me.asActor(), request.toCommand());
        return ResponseEntity.created(URI.create("/api/v1/opportunities/" + created.id())).body(created);
    }

    /** Changes the fields present in the body; {@code version} is required, a field set to null is cleared. */
    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    OpportunityView update(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestBody JsonNode body) {
        return opportunities.update(me.asActor(), id, edit(body));
    }

    @PostMapping("/{id}/claim")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    OpportunityView claim(@AuthenticationPrincipal SignedInUser me, @PathVariable long id) {
        return opportunities.claim(me.asActor(), id);
    }

    @PostMapping("/{id}/assign")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    OpportunityView assign(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestBody AssignRequest request) {
        if (request.userId() == null) {
            throw OpportunityRuleException.of("userId", "Say whom to assign it to (userId).");
        }
        return opportunities.assign(me.asActor(), id, request.userId(), request.reason());
    }

    @PostMapping("/{id}/stage")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    OpportunityView stage(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestBody StageRequest request) {
        if (request.stage() == null || request.stage().isBlank()) {
            throw OpportunityRuleException.of("stage", "Say which stage to move it to (stage).");
        }
        return opportunities.moveToStage(me.asActor(), id, new StageMove(request.stage().strip(),
                version(request.version()), request.value(), request.lostReason(), request.note()));
    }

    @PostMapping("/{id}/close")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    OpportunityView close(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestBody CloseRequest request) {
        if (request.outcome() == null) {
            throw OpportunityRuleException.of("outcome", "Say whether it was won or lost (outcome).");
        }
        return opportunities.close(me.asActor(), id, Outcome.parse(request.outcome()), version(request.version()),
                request.reason(), request.note(), request.value());
    }

    @PostMapping("/{id}/reopen")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    OpportunityView reopen(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestBody ReopenRequest request) {
        return opportunities.reopen(me.asActor(), id, version(request.version()),
                request.stage() == null ? "" : request.stage().strip(), request.nextAction(), request.nextActionDue());
    }

    @PostMapping("/{id}/conversations")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    List<LinkedConversation> link(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestBody LinkRequest request) {
        if (request.conversationId() == null) {
            throw OpportunityRuleException.of("conversationId", "Say which conversation to link (conversationId).");
        }
        opportunities.linkConversation(me.asActor(), id, request.conversationId());
        return opportunities.conversations(me.asActor(), id);
    }

    @DeleteMapping("/{id}/conversations/{conversationId}")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    ResponseEntity<Void> unlink(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @PathVariable long conversationId) {
        opportunities.unlinkConversation(me.asActor(), id, conversationId);
        return ResponseEntity.noContent().build();
    }

    private static int version(@Nullable Integer version) {
        if (version == null) {
            throw OpportunityRuleException.of("version",
                    "Send the version you last saw (the opportunity's 'version'), so that nobody's change is overwritten.");
        }
        return version;
    }

    static OpportunityEdit edit(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw OpportunityRuleException.of("", "Send a JSON object with the fields to change and the version.");
        }
        var versionNode = body.get("version");
        if (versionNode == null || !versionNode.isIntegralNumber()) {
            version(null);
        }
        var fields = new HashSet<String>();
        for (var name : body.propertyNames()) {
            if (OpportunityEdit.FIELDS.contains(name)) {
                fields.add(name);
            } else if (!name.equals("version")) {
                throw OpportunityRuleException.of(name, "'" + name + "' cannot be changed here. Fields: "
                        + String.join(", ", OpportunityEdit.FIELDS.stream().sorted().toList())
                        + "; use …/stage, …/close, …/reopen, …/claim and …/assign for the rest.");
            }
        }
        return new OpportunityEdit(versionNode.intValue(), fields, text(body, "title"), text(body, "description"),
                number(body, "companyId"), number(body, "contactId"), decimal(body, "value"), text(body, "currency"),
                text(body, "source"), text(body, "sourceDetail"), text(body, "nextAction"), date(body, "nextActionDue"),
                date(body, "expectedClose"), integer(body, "probability"));
    }

    private static @Nullable JsonNode field(JsonNode body, String name) {
        var node = body.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private static @Nullable String text(JsonNode body, String name) {
        var node = field(body, name);
        return node == null ? null : node.asString();
    }

    private static @Nullable Long number(JsonNode body, String name) {
        var node = field(body, name);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw OpportunityRuleException.of(name, "Use a whole number (an id) for " + name + ".");
        }
        return node.longValue();
    }

    private static @Nullable Integer integer(JsonNode body, String name) {
        var value = number(body, name);
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static @Nullable BigDecimal decimal(JsonNode body, String name) {
        var node = field(body, name);
        if (node == null) {
            return null;
        }
        try {
            return new BigDecimal(node.asString().strip());
        } catch (NumberFormatException e) {
            throw OpportunityRuleException.of(name, "Use a number such as 12500.00 for the value.");
        }
    }

    private static @Nullable LocalDate date(JsonNode body, String name) {
        var node = field(body, name);
        if (node == null) {
            return null;
        }
        try {
            return LocalDate.parse(node.asString().strip());
        } catch (DateTimeParseException e) {
            throw OpportunityRuleException.of(name, "Use a date as YYYY-MM-DD, such as 2026-03-14.");
        }
    }

}
