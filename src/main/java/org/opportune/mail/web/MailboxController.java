package org.opportune.mail.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.mail.MailboxRuleException;
import org.opportune.mail.MailboxService;
import org.opportune.shared.SignedInUser;
import org.opportune.web.Flash;
import org.opportune.web.FormErrors;
import org.opportune.web.Htmx;

/** Admin pages for mailbox connections: list with sync status, new, edit, test connection, sync on/off. */
@Controller
@RequestMapping("/admin/mailboxes")
class MailboxController {

    private final MailboxService mailboxes;

    MailboxController(MailboxService mailboxes) {
        this.mailboxes = mailboxes;
    }

    /** The list; with {@code HX-Request} only the rows, which the page refreshes every few seconds. */
    @GetMapping
    String list(HttpServletRequest request, Model model) {
        model.addAttribute("page", new Pages.MailboxesPage(mailboxes.overview()));
        return Htmx.isHtmx(request) ? "mail/fragments/mailboxRows" : "mail/mailboxes";
    }

    @GetMapping("/new")
    String newMailbox(Model model) {
        model.addAttribute("page", new Pages.MailboxFormPage(null, MailboxForm.empty(), Map.of(), false, false));
        return "mail/mailboxForm";
    }

    @PostMapping
    String create(@AuthenticationPrincipal SignedInUser me, @Valid @ModelAttribute("form") MailboxForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        var errors = new LinkedHashMap<>(FormErrors.of(result));
        if (errors.isEmpty()) {
            try {
                var created = mailboxes.create(me.asActor(), form.toCommand());
                Flash.message(redirect, "Mailbox " + created.address() + " is set up"
                        + (created.syncEnabled() ? " and syncing." : "."));
                return "redirect:/admin/mailboxes";
            } catch (MailboxRuleException e) {
                errors.putAll(e.errors());
            }
        }
        model.addAttribute("page", new Pages.MailboxFormPage(null, form.withoutPasswords(), errors, false, false));
        return "mail/mailboxForm";
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        var mailbox = mailboxes.mailbox(id);
        model.addAttribute("page", new Pages.MailboxFormPage(id, MailboxForm.of(mailbox), Map.of(),
                mailbox.imapPasswordStored(), mailbox.smtpPasswordStored()));
        return "mail/mailboxForm";
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @Valid @ModelAttribute("form") MailboxForm form, BindingResult result, Model model, RedirectAttributes redirect) {
        var errors = new LinkedHashMap<>(FormErrors.of(result));
        if (errors.isEmpty()) {
            try {
                var updated = mailboxes.update(me.asActor(), id, form.toCommand());
                Flash.message(redirect, "Mailbox " + updated.address() + " is saved.");
                return "redirect:/admin/mailboxes";
            } catch (MailboxRuleException e) {
                errors.putAll(e.errors());
            }
        }
        var stored = mailboxes.mailbox(id);
        model.addAttribute("page", new Pages.MailboxFormPage(id, form.withoutPasswords(), errors,
                stored.imapPasswordStored(), stored.smtpPasswordStored()));
        return "mail/mailboxForm";
    }

    @PostMapping("/{id}/test")
    String test(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, RedirectAttributes redirect) {
        var mailbox = mailboxes.mailbox(id);
        var result = mailboxes.testConnection(me.asActor(), id);
        Flash.message(redirect, mailbox.address() + ": " + (result.ok() ? "connection works. " : "") + result.message());
        return "redirect:/admin/mailboxes";
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(org.opportune.mail.MailboxNotFoundException.class)
    void notFound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.sendError(404);
    }

    @PostMapping("/{id}/sync")
    String sync(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, @RequestParam boolean enabled,
            RedirectAttributes redirect) {
        try {
            var mailbox = mailboxes.enableSync(me.asActor(), id, enabled);
            Flash.message(redirect, "Sync of " + mailbox.address() + " is " + (mailbox.syncEnabled() ? "on." : "off."));
        } catch (MailboxRuleException e) {
            Flash.message(redirect, e.getMessage());
        }
        return "redirect:/admin/mailboxes";
    }
}
