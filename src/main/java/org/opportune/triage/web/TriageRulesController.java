package org.opportune.triage.web;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.shared.SignedInUser;
import org.opportune.triage.Category;
import org.opportune.triage.TriageRuleCommand;
import org.opportune.triage.TriageRuleException;
import org.opportune.triage.TriageRulePreview;
import org.opportune.triage.TriageRuleService;
import org.opportune.triage.TriageRuleView;
import org.opportune.web.Flash;

/** The admin's triage rule editor: list, edit or add a rule, try it on the latest messages, save it. */
@Controller
@RequestMapping("/admin/triage/rules")
@PreAuthorize("hasAuthority('ADMINISTER')")
class TriageRulesController {

    private final TriageRuleService rules;

    TriageRulesController(TriageRuleService rules) {
        this.rules = rules;
    }

    @GetMapping
    String list(Model model) {
        var all = rules.rules();
        model.addAttribute("page", new Pages.RulesPage(all,
                all.stream().filter(r -> r.origin() != TriageRuleView.Origin.DEFAULT).count(),
                all.stream().filter(r -> !r.enabled()).count()));
        return "triage/rules";
    }

    @GetMapping("/new")
    String newRule(Model model) {
        return form(RuleForm.empty(), Map.of(), null, model);
    }

    @GetMapping("/{id}")
    String edit(@PathVariable String id, Model model) {
        var rule = rules.rule(id).orElseThrow(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        return form(RuleForm.of(rule), Map.of(), null, model);
    }

    /** {@code action=preview} classifies the latest messages with the edited rules and saves nothing; {@code action=save} saves. */
    @PostMapping
    String submit(@AuthenticationPrincipal SignedInUser me, @ModelAttribute("form") RuleForm form,
            @RequestParam(defaultValue = "preview") String action, Model model, RedirectAttributes redirect) {
        double weight;
        try {
            weight = Double.parseDouble(form.text(form.weight()).strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return form(form, Map.of("weight", "Enter a number from " + TriageRuleService.MIN_WEIGHT + " to "
                    + TriageRuleService.MAX_WEIGHT + ", such as 0.7."), null, model);
        }
        var command = new TriageRuleCommand(form.creating(), form.text(form.id()), category(form.category()),
                form.text(form.language()), form.text(form.where()), form.text(form.kind()), weight,
                form.text(form.pattern()), form.negatableChecked(), form.enabledChecked());
        try {
            if ("save".equals(action)) {
                var saved = rules.save(me.asActor(), command);
                Flash.message(redirect, "Rule " + saved.id() + " is saved; messages triaged from now on use it.");
                return "redirect:/admin/triage/rules";
            }
            return form(form, Map.of(), rules.preview(command), model);
        } catch (TriageRuleException e) {
            return form(form, e.errors(), null, model);
        }
    }

    private String form(RuleForm form, Map<String, String> errors, @Nullable TriageRulePreview preview, Model model) {
        model.addAttribute("page", new Pages.RuleFormPage(form, errors, preview, TriageRuleService.RULE_CATEGORIES,
                TriageRuleService.LANGUAGES, TriageRuleService.LOCATIONS, TriageRuleService.PREVIEW_MESSAGES));
        return "triage/ruleForm";
    }

    private static @Nullable Category category(@Nullable String label) {
        try {
            return label == null ? null : Category.fromLabel(label);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
