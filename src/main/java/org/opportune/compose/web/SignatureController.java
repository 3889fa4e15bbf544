package org.opportune.compose.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.compose.SignatureException;
import org.opportune.compose.SignatureService;
import org.opportune.shared.SignedInUser;
import org.opportune.web.Flash;
import org.opportune.web.Htmx;

/**
 * Each person's signatures. The account page loads the forms from here ({@code hx-get}); without
 * JavaScript the same URL is a page of its own.
 */
@Controller
@PreAuthorize("hasAuthority('INBOX_WORK')")
class SignatureController {

    private final SignatureService signatures;

    SignatureController(SignatureService signatures) {
        this.signatures = signatures;
    }

    @GetMapping("/account/signatures")
    String page(@AuthenticationPrincipal SignedInUser me, HttpServletRequest request, Model model) {
        model.addAttribute("page", page(me, Map.of(), Map.of()));
        return Htmx.isHtmx(request) ? "compose/fragments/signatureForms" : "compose/signatures";
    }

    /** {@code mailboxId} 0 is the default for every mailbox; an empty text removes the signature. */
    @PostMapping("/account/signatures")
    String save(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "0") long mailboxId,
            @RequestParam(defaultValue = "") String text, Model model, RedirectAttributes redirect) {
        try {
            signatures.setPersonal(me.asActor(), me.userId(), mailboxId, text);
        } catch (SignatureException e) {
            model.addAttribute("page", page(me, Map.of(mailboxId, e.getMessage()), Map.of(mailboxId, text)));
            return "compose/signatures";
        }
        Flash.message(redirect, text.isBlank() ? "Signature removed." : "Signature saved; new replies use it.");
        return "redirect:/account#signatures";
    }

    private Pages.SignaturesPage page(SignedInUser me, Map<Long, String> errors, Map<Long, String> typed) {
        return new Pages.SignaturesPage(signatures.signatures(me.userId()), errors, typed, SignatureService.MAX_LENGTH);
    }
}
