package org.opportune.opportunity.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import org.opportune.opportunity.OpportunityRuleException;
import org.opportune.opportunity.PipelineService;
import org.opportune.opportunity.StageKind;
import org.opportune.opportunity.StageView;
import org.opportune.opportunity.web.ApiRequests.StageChangeRequest;
import org.opportune.shared.SignedInUser;

/** The pipeline's stages as JSON: read with PIPELINE_VIEW, changed by admins. */
@RestController
@RequestMapping("/api/v1/pipeline/stages")
class PipelineApiController {

    private final PipelineService pipeline;

    PipelineApiController(PipelineService pipeline) {
        this.pipeline = pipeline;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('PIPELINE_VIEW')")
    List<StageView> stages() {
        return pipeline.allStages();
    }

    @PostMapping
    @PreAuthorize("hasAuthority('ADMINISTER')")
    @ResponseStatus(HttpStatus.CREATED)
    StageView add(@AuthenticationPrincipal SignedInUser me, @RequestBody StageChangeRequest request) {
        StageKind kind;
        try {
            kind = request.kind() == null ? StageKind.OPEN : StageKind.valueOf(request.kind().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw OpportunityRuleException.of("kind", "Use open or lost.");
        }
        return pipeline.add(me.asActor(), request.name() == null ? "" : request.name(), kind,
                request.defaultProbability() == null ? 10 : request.defaultProbability());
    }

    /** Renames, sets the probability, (de)activates and/or moves ({@code move}: -1 earlier, +1 later) one stage. */
    @PatchMapping("/{key}")
    @PreAuthorize("hasAuthority('ADMINISTER')")
    StageView change(@AuthenticationPrincipal SignedInUser me, @PathVariable String key,
            @RequestBody StageChangeRequest request) {
        return pipeline.change(me.asActor(), key, request.name(), request.defaultProbability(), request.active(),
                request.move());
    }
}
