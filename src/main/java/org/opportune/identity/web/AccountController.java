package org.opportune.identity.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.identity.ApiTokenNotFoundException;
import org.opportune.identity.ApiTokenService;
import org.opportune.identity.IdentityRuleException;
import org.opportune.identity.IdentityService;
import org.opportune.identity.UserAccount;
import org.opportune.web.Flash;
import org.opportune.web.FormErrors;

/** Each person's own account: display name, password and personal API tokens. */
@Controller
class AccountController {

    private final IdentityService identity;
    private final ApiTokenService tokens;
    private final SecurityContextRepository contextRepository = new HttpSessionSecurityContextRepository();

    AccountController(IdentityService identity, ApiTokenService tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal UserAccount me, Model model) {
        var user = identity.user(me.userId());
        model.addAttribute("page", page(me, user.displayName(), Map.of(), "", null));
        return "identity/account";
    }

    /** Creates a token and shows its secret on this answer only (no redirect: the secret is never stored to show again). */
    @PostMapping("/account/tokens")
    String createToken(@AuthenticationPrincipal UserAccount me, @Valid @ModelAttribute("tokenForm") Forms.TokenForm form,
            BindingResult result, Model model) {
        var name = identity.user(me.userId()).displayName();
        if (result.hasErrors()) {
            model.addAttribute("page", page(me, name, FormErrors.of(result), form.label(), null));
            return "identity/account";
        }
        try {
            var created = tokens.create(me, form.label());
            model.addAttribute("page", page(me, name, Map.of(), "", new Pages.NewToken(created.token(), created.secret())));
        } catch (IdentityRuleException e) {
            model.addAttribute("page", page(me, name, FormErrors.of(e.field(), e.getMessage()), form.label(), null));
        }
        return "identity/account";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@AuthenticationPrincipal UserAccount me, @PathVariable long id, RedirectAttributes redirect) {
        try {
            var token = tokens.revoke(me, id);
            Flash.message(redirect, "The token " + token.label() + " (" + token.masked() + ") is revoked; requests with it now fail.");
        } catch (ApiTokenNotFoundException e) {
            Flash.message(redirect, "That token does not exist (any more).");
        }
        return "redirect:/account";
    }

    private Pages.AccountPage page(UserAccount me, String displayName, Map<String, String> errors, String tokenLabel,
            Pages.@org.jspecify.annotations.Nullable NewToken newToken) {
        return new Pages.AccountPage(identity.user(me.userId()), displayName, errors, tokens.tokensOf(me.userId()),
                tokenLabel, newToken);
    }

    @PostMapping("/account/name")
    String rename(@AuthenticationPrincipal UserAccount me, HttpServletRequest request, HttpServletResponse response, @Valid @ModelAttribute("form") Forms.DisplayNameForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return accountAgain(me, form.displayName(), FormErrors.of(result), model);
        }
        try {
            identity.changeDisplayName(me, form.displayName());
        } catch (IdentityRuleException e) {
            return accountAgain(me, form.displayName(), FormErrors.of(e.field(), e.getMessage()), model);
        }
        refreshPrincipal(me, request, response);
        Flash.message(redirect, "Your display name is now " + form.displayName().strip() + ".");
        return "redirect:/account";
    }

    @GetMapping("/account/password")
    String passwordPage(@AuthenticationPrincipal UserAccount me, Model model) {
        model.addAttribute("page", new Pages.PasswordPage(me.mustChangePassword(), Map.of()));
        return "identity/password";
    }

    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal UserAccount me, HttpServletRequest request,
            HttpServletResponse response, @Valid @ModelAttribute("form") Forms.PasswordForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        if (!result.hasErrors() && !form.newPassword().equals(form.repeatPassword())) {
            result.rejectValue("repeatPassword", "mismatch", "The two new passwords are not the same.");
        }
        if (result.hasErrors()) {
            return passwordAgain(me, FormErrors.of(result), model);
        }
        try {
            identity.changeOwnPassword(me, form.currentPassword(), form.newPassword());
        } catch (IdentityRuleException e) {
            return passwordAgain(me, FormErrors.of(e.field(), e.getMessage()), model);
        }
        refreshPrincipal(me, request, response);
        Flash.message(redirect, "Your password has been changed.");
        return "redirect:/account";
    }

    private String accountAgain(UserAccount me, String displayName, Map<String, String> errors, Model model) {
        model.addAttribute("page", page(me, displayName, errors, "", null));
        return "identity/account";
    }

    private String passwordAgain(UserAccount me, Map<String, String> errors, Model model) {
        model.addAttribute("page", new Pages.PasswordPage(me.mustChangePassword(), errors));
        return "identity/password";
    }

    /** The session keeps the principal; after a change of name or password it must show the new state. */
    private void refreshPrincipal(UserAccount me, HttpServletRequest request, HttpServletResponse response) {
        var refreshed = identity.refreshedAccount(me);
        var current = SecurityContextHolder.getContext().getAuthentication();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(refreshed, null,
                current == null ? refreshed.getAuthorities() : current.getAuthorities());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contextRepository.saveContext(context, request, response);
    }
}
