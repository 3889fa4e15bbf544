package org.opportune.opportunity.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.opportunity.OpportunityRuleException;
import org.opportune.opportunity.PipelineService;
import org.opportune.opportunity.StageKind;
import org.opportune.shared.SignedInUser;
import org.opportune.web.Flash;

/** Admin page for the pipeline's stages: rename, set probability, reorder, add, (de)activate. */
@Controller
@RequestMapping("/admin/pipeline")
@PreAuthorize("hasAuthority('ADMINISTER')")
class PipelineAdminController {

    private final PipelineService pipeline;

    PipelineAdminController(PipelineService pipeline) {
        this.pipeline = pipeline;
    }

    @GetMapping
    String stages(Model model) {
        return page(Map.of(), null, model);
    }

    @PostMapping
    String add(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "open") String kind, @RequestParam(defaultValue = "") String defaultProbability,
            Model model, RedirectAttributes redirect) {
        try {
            var stage = pipeline.add(me.asActor(), name, "lost".equals(kind) ? StageKind.LOST : StageKind.OPEN,
                    percent(defaultProbability, 10));
            Flash.message(redirect, "Stage '" + stage.name() + "' is added.");
            return "redirect:/admin/pipeline";
        } catch (OpportunityRuleException e) {
            return page(e.errors(), e.getMessage(), model);
        }
    }

    @PostMapping("/{key}")
    String change(@AuthenticationPrincipal SignedInUser me, @PathVariable String key,
            @RequestParam(defaultValue = "") String name, @RequestParam(required = false) String defaultProbability,
            Model model, RedirectAttributes redirect) {
        try {
            var probability = defaultProbability != null && pipeline.stage(key).open() ? percent(defaultProbability, -1) : null;
            pipeline.change(me.asActor(), key, name, probability, null, null);
            Flash.message(redirect, "Stage '" + pipeline.stage(key).name() + "' is saved.");
            return "redirect:/admin/pipeline";
        } catch (OpportunityRuleException e) {
            return page(e.errors(), e.getMessage(), model);
        }
    }

    @PostMapping("/{key}/move")
    String move(@AuthenticationPrincipal SignedInUser me, @PathVariable String key, @RequestParam int direction) {
        pipeline.move(me.asActor(), key, direction);
        return "redirect:/admin/pipeline";
    }

    @PostMapping("/{key}/active")
    String active(@AuthenticationPrincipal SignedInUser me, @PathVariable String key, @RequestParam boolean active,
            Model model, RedirectAttributes redirect) {
        try {
            var stage = pipeline.setActive(me.asActor(), key, active);
            Flash.message(redirect, "Stage '" + stage.name() + "' is " + (active ? "active again." : "deactivated."));
            return "redirect:/admin/pipeline";
        } catch (OpportunityRuleException e) {
            return page(e.errors(), e.getMessage(), model);
        }
    }

    private String page(Map<String, String> errors, @Nullable String problem, Model model) {
        model.addAttribute("page", new Pages.PipelinePage(pipeline.allStages(), errors, problem));
        return "opportunity/pipeline";
    }

    private static int percent(String text, int invalid) {
        try {
            return Integer.parseInt(text.strip().replace("%", "").strip());
        } catch (NumberFormatException e) {
            return invalid;
        }
    }
}
