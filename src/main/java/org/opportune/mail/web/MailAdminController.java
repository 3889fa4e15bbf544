package org.opportune.mail.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.mail.IngestResult;
import org.opportune.mail.MailImporter;
import org.opportune.mail.MailQuarantine;
import org.opportune.mail.MailboxService;
import org.opportune.shared.SignedInUser;
import org.opportune.web.Flash;

/** Admin pages for incoming mail: import uploaded files, and the quarantine (list, download, retry, dismiss). */
@Controller
@RequestMapping("/admin/mail")
class MailAdminController {

    private final MailImporter importer;
    private final MailQuarantine quarantine;
    private final MailboxService mailboxes;

    MailAdminController(MailImporter importer, MailQuarantine quarantine, MailboxService mailboxes) {
        this.importer = importer;
        this.quarantine = quarantine;
        this.mailboxes = mailboxes;
    }

    @GetMapping("/import")
    String importForm(Model model) {
        model.addAttribute("page", new Pages.ImportPage(mailboxes.mailboxes(), "", null, null));
        return "mail/import";
    }

    @PostMapping("/import")
    String importFiles(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String mailbox,
            @RequestParam(name = "files", required = false) List<MultipartFile> files, Model model) {
        var uploads = files == null ? List.<MultipartFile>of() : files.stream().filter(f -> !f.isEmpty()).toList();
        String error = null;
        if (!MailImporter.isValidAddress(mailbox)) {
            error = "Enter the mailbox address to import into, such as sales@example.com.";
        } else if (uploads.isEmpty()) {
            error = "Choose one or more .eml or mbox files.";
        }
        if (error != null) {
            model.addAttribute("page", new Pages.ImportPage(mailboxes.mailboxes(), mailbox, null, error));
            return "mail/import";
        }
        var summary = importer.importFiles(me.asActor(), mailbox, uploads.stream()
                .map(f -> new MailImporter.ImportFile(f.getOriginalFilename() == null ? "upload" : f.getOriginalFilename(), f))
                .toList(), MailImporter.Progress.none());
        model.addAttribute("page", new Pages.ImportPage(mailboxes.mailboxes(), mailbox, summary, null));
        return "mail/import";
    }

    @GetMapping("/quarantine")
    String quarantined(Model model) {
        model.addAttribute("page", new Pages.QuarantinePage(quarantine.messages(), quarantine.openCount()));
        return "mail/quarantine";
    }

    @PostMapping("/quarantine/{id}/dismiss")
    String dismiss(@AuthenticationPrincipal SignedInUser me, @PathVariable long id,
            @RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect) {
        if (reason.isBlank()) {
            model.addAttribute("page", new Pages.QuarantinePage(quarantine.messages(), quarantine.openCount(), id,
                    "Say why this message is dismissed, for example \"spam\" or \"broken export, sender asked to resend\"."));
            return "mail/quarantine";
        }
        Flash.message(redirect, quarantine.dismiss(me.asActor(), id, reason)
                ? "Message " + id + " is dismissed. Its raw file is kept; you can undo this or retry it later."
                : "Message " + id + " was not open any more.");
        return "redirect:/admin/mail/quarantine";
    }

    @PostMapping("/quarantine/{id}/reopen")
    String reopen(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, RedirectAttributes redirect) {
        Flash.message(redirect, quarantine.reopen(me.asActor(), id)
                ? "Message " + id + " is open again."
                : "Message " + id + " was not dismissed.");
        return "redirect:/admin/mail/quarantine";
    }

    @GetMapping("/quarantine/{id}/raw")
    void download(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, HttpServletResponse response)
            throws IOException {
        var message = quarantine.message(id);
        try (var raw = quarantine.raw(me.asActor(), id)) {
            response.setContentType("message/rfc822");
            response.setContentLengthLong(message.rawSize());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"quarantined-" + id + ".eml\"");
            response.setHeader("X-Content-Type-Options", "nosniff");
            raw.transferTo(response.getOutputStream());
        }
    }

    @PostMapping("/quarantine/{id}/retry")
    String retry(@AuthenticationPrincipal SignedInUser me, @PathVariable long id, RedirectAttributes redirect) {
        var result = quarantine.retry(me.asActor(), id);
        Flash.message(redirect, result.outcome() == IngestResult.Outcome.QUARANTINED
                ? "Message " + id + " is still quarantined: " + result.reason()
                : "Message " + id + " is stored now" + (result.outcome() == IngestResult.Outcome.DUPLICATE
                        ? " (it was already there)." : "."));
        return "redirect:/admin/mail/quarantine";
    }
}
