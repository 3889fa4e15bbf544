package org.opportune.identity.web;

import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.identity.IdentityRuleException;
import org.opportune.identity.IdentityService;
import org.opportune.web.Flash;
import org.opportune.web.FormErrors;

/** First run: creates the first admin. There is no default password anywhere. */
@Controller
class SetupController {

    private final IdentityService identity;

    SetupController(IdentityService identity) {
        this.identity = identity;
    }

    @GetMapping("/setup")
    String setup(Model model) {
        if (!identity.setupNeeded()) {
            return "redirect:/login";
        }
        model.addAttribute("page", new Pages.SetupPage(Forms.SetupForm.empty(), java.util.Map.of()));
        return "identity/setup";
    }

    @PostMapping("/setup")
    String createAdmin(@Valid @ModelAttribute("form") Forms.SetupForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors() && !form.password().equals(form.passwordRepeat())) {
            result.rejectValue("passwordRepeat", "mismatch", "The two passwords are not the same.");
        }
        if (result.hasErrors()) {
            return setupAgain(form, FormErrors.of(result), model);
        }
        try {
            identity.createFirstAdmin(form.username(), form.displayName(), form.email(), form.password());
        } catch (IdentityRuleException e) {
            return setupAgain(form, FormErrors.of(e.field(), e.getMessage()), model);
        }
        Flash.message(redirect, "Your admin account is ready. Sign in to continue.");
        return "redirect:/login";
    }

    private String setupAgain(Forms.SetupForm form, java.util.Map<String, String> errors, Model model) {
        var blanked = new Forms.SetupForm(form.username(), form.displayName(), form.email(), "", "");
        model.addAttribute("page", new Pages.SetupPage(blanked, errors));
        return "identity/setup";
    }
}
