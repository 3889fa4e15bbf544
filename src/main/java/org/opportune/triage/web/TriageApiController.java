package org.opportune.triage.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.opportune.shared.SignedInUser;
import org.opportune.triage.Category;
import org.opportune.triage.TriageNotFoundException;
import org.opportune.triage.TriageService;
import org.opportune.triage.TriageView;

/** A message's triage as JSON, and a person's override of its category. */
@RestController
@RequestMapping("/api/v1/messages/{id}/triage")
@Tag(name = "Triage", description = "The category of a message (buying signal, support, supplier, bulk, auto reply, internal, other) and overrides.")
class TriageApiController {

    private final TriageService triage;

    TriageApiController(TriageService triage) {
        this.triage = triage;
    }

    @Operation(summary = "A message's category, confidence and explanation",
            description = "404 when the message does not exist or is not triaged yet.")
    @GetMapping
    @PreAuthorize("hasAuthority('INBOX_VIEW')")
    TriageView get(@PathVariable long id) {
        return triage.triage(id).orElseThrow(() -> TriageNotFoundException.forMessage(id));
    }

    @Operation(summary = "Override a message's category",
            description = "Recorded in the activity trail; with rememberForSender, later messages of the same sender get this category too.")
    @PutMapping
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    TriageView override(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @Valid @RequestBody TriageOverrideRequest request) {
        return triage.override(me.asActor(), id, request.category(), Boolean.TRUE.equals(request.rememberForSender()));
    }

    /** The body of {@code PUT /api/v1/messages/{id}/triage}. */
    record TriageOverrideRequest(
            @NotNull(message = "Choose a category: BUYING_SIGNAL, SUPPORT, SUPPLIER, BULK, AUTO_REPLY, INTERNAL or OTHER.")
            @Nullable Category category,
            @Nullable Boolean rememberForSender) {
    }
}
