package org.opportune.compose.web;

import java.util.Arrays;
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

import org.opportune.compose.ReplyTemplateCommand;
import org.opportune.compose.ReplyTemplateException;
import org.opportune.compose.ReplyTemplateNotFoundException;
import org.opportune.compose.ReplyTemplateService;
import org.opportune.compose.SignatureException;
import org.opportune.compose.SignatureService;
import org.opportune.compose.TemplateVariable;
import org.opportune.shared.SignedInUser;
import org.opportune.web.Flash;

/** Admin → Replies: the team's reply templates and each mailbox's footer. */
@Controller
@RequestMapping("/admin/replies")
@PreAuthorize("hasAuthority('ADMINISTER')")
class ReplyTemplatesController {

    private final ReplyTemplateService templates;
    private final SignatureService signatures;

    ReplyTemplatesController(ReplyTemplateService templates, SignatureService signatures) {
        this.templates = templates;
        this.signatures = signatures;
    }

    @GetMapping
    String list(@AuthenticationPrincipal SignedInUser me, Model model) {
        return list(me, Map.of(), model);
    }

    @GetMapping("/templates/new")
    String newTemplate(Model model) {
        return form(null, "", "", "", Map.of(), model);
    }

    @GetMapping("/templates/{id}")
    String edit(@PathVariable long id, Model model) {
        var template = templates.template(id);
        return form(id, template.name(), template.subject() == null ? "" : template.subject(), template.body(), Map.of(),
                model);
    }

    @PostMapping("/templates")
    String create(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String body, Model model,
            RedirectAttributes redirect) {
        try {
            var created = templates.create(me.asActor(), new ReplyTemplateCommand(name, subject, body));
            Flash.message(redirect, "Template \"" + created.name() + "\" added; it is in the reply form's picker.");
            return "redirect:/admin/replies";
        } catch (ReplyTemplateException e) {
            return form(null, name, subject, body, e.errors(), model);
        }
    }

    @PostMapping("/templates/{id}")
    String update(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String body, Model model, RedirectAttributes redirect) {
        try {
            var saved = templates.update(me.asActor(), id, new ReplyTemplateCommand(name, subject, body));
            Flash.message(redirect, "Template \"" + saved.name() + "\" saved.");
            return "redirect:/admin/replies";
        } catch (ReplyTemplateException e) {
            return form(id, name, subject, body, e.errors(), model);
        }
    }

    @PostMapping("/templates/{id}/delete")
    String delete(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, RedirectAttributes redirect) {
        try {
            var deleted = templates.delete(me.asActor(), id);
            Flash.message(redirect, "Template \"" + deleted.name() + "\" deleted.");
        } catch (ReplyTemplateNotFoundException e) {
            Flash.message(redirect, e.getMessage());
        }
        return "redirect:/admin/replies";
    }

    /** The footer under every reply from a mailbox; an empty text removes it. */
    @PostMapping("/footers")
    String footer(@AuthenticationPrincipal SignedInUser me, @RequestParam long mailboxId,
            @RequestParam(defaultValue = "") String text, Model model, RedirectAttributes redirect) {
        try {
            signatures.setFooter(me.asActor(), mailboxId, text);
        } catch (SignatureException e) {
            return list(me, Map.of(mailboxId, e.getMessage()), model);
        }
        Flash.message(redirect, text.isBlank() ? "Footer removed." : "Footer saved; it goes under every reply from this mailbox.");
        return "redirect:/admin/replies#footers";
    }

    private String list(SignedInUser me, Map<Long, String> footerErrors, Model model) {
        model.addAttribute("page", new Pages.TemplatesPage(templates.templates(), signatures.signatures(me.userId()),
                footerErrors, Arrays.asList(TemplateVariable.values())));
        return "compose/replies";
    }

    private String form(@Nullable Long id, String name, String subject, String body, Map<String, String> errors,
            Model model) {
        model.addAttribute("page", new Pages.TemplateFormPage(id, name, subject, body, errors,
                Arrays.asList(TemplateVariable.values())));
        return "compose/templateForm";
    }
}
