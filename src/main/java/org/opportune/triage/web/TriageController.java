package org.opportune.triage.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import org.opportune.shared.SignedInUser;
import org.opportune.triage.Category;
import org.opportune.triage.TriageNotFoundException;
import org.opportune.triage.TriageService;
import org.opportune.web.Htmx;

/**
 * The category badge of a message: a fragment that the conversation page includes with
 * {@code hx-get="/triage/messages/{id}/badge"}. It explains the category and lets a person override it.
 */
@Controller
class TriageController {

    private static final List<Category> CATEGORIES = List.of(Category.values());

    private final TriageService triage;

    TriageController(TriageService triage) {
        this.triage = triage;
    }

    @GetMapping("/triage/messages/{id}/badge")
    @PreAuthorize("hasAuthority('INBOX_VIEW')")
    String badge(@PathVariable long id, Authentication authentication, Model model) {
        model.addAttribute("badge", badgeOf(id, authentication, null));
        return "triage/fragments/badge";
    }

    /** Overrides the category; answers with the new badge for HTMX, or goes back to the badge without it. */
    @PostMapping("/triage/messages/{id}/category")
    @PreAuthorize("hasAuthority('INBOX_WORK')")
    String override(@AuthenticationPrincipal SignedInUser me, Authentication authentication, @PathVariable long id,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(required = false) @Nullable Boolean rememberForSender, HttpServletRequest request, Model model) {
        Category chosen;
        try {
            chosen = category == null ? null : Category.fromLabel(category);
        } catch (IllegalArgumentException e) {
            chosen = null;
        }
        if (chosen == null) {
            model.addAttribute("badge", badgeOf(id, authentication, "Choose one of the categories."));
            return "triage/fragments/badge";
        }
        try {
            triage.override(me.asActor(), id, chosen, Boolean.TRUE.equals(rememberForSender));
        } catch (TriageNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        if (!Htmx.isHtmx(request)) {
            return "redirect:/triage/messages/" + id + "/badge";
        }
        model.addAttribute("badge", badgeOf(id, authentication, null));
        return "triage/fragments/badge";
    }

    private Pages.TriageBadge badgeOf(long id, Authentication authentication, @Nullable String error) {
        var canChange = authentication.getAuthorities().stream().anyMatch(a -> "INBOX_WORK".equals(a.getAuthority()));
        return new Pages.TriageBadge(id, triage.triage(id).orElse(null), CATEGORIES, canChange, error);
    }
}
