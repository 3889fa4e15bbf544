package org.opportune.identity.web;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.opportune.identity.ApiTokenNotFoundException;
import org.opportune.identity.ApiTokenService;
import org.opportune.identity.IdentityRuleException;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.identity.UserAccount;
import org.opportune.web.Flash;
import org.opportune.web.FormErrors;

/** Admin pages for people: create (with a one-time password), change role, deactivate, reactivate, reset password. */
@Controller
@RequestMapping("/admin/users")
@PreAuthorize("hasAuthority('USERS_MANAGE')")
class AdminUsersController {

    private static final List<Role> ROLES = List.of(Role.values());

    private final IdentityService identity;
    private final ApiTokenService tokens;

    AdminUsersController(IdentityService identity, ApiTokenService tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    @GetMapping("/{id}/tokens")
    String tokens(@PathVariable long id, Model model) {
        model.addAttribute("page", new Pages.UserTokensPage(identity.user(id), tokens.tokensOf(id)));
        return "identity/userTokens";
    }

    @PostMapping("/{id}/tokens/{tokenId}/revoke")
    String revokeToken(@AuthenticationPrincipal UserAccount me, @PathVariable long id, @PathVariable long tokenId,
            RedirectAttributes redirect) {
        try {
            var token = tokens.revoke(me, tokenId);
            Flash.message(redirect, "The token " + token.label() + " (" + token.masked() + ") is revoked.");
        } catch (ApiTokenNotFoundException e) {
            Flash.message(redirect, "That token does not exist (any more).");
        }
        return "redirect:/admin/users/" + id + "/tokens";
    }

    @GetMapping
    String users(@AuthenticationPrincipal UserAccount me, Model model) {
        model.addAttribute("page", new Pages.UsersPage(identity.users(), me.userId(), ROLES, null));
        return "identity/users";
    }

    @GetMapping("/new")
    String newUser(Model model) {
        model.addAttribute("page", new Pages.NewUserPage(Forms.NewUserForm.empty(), ROLES, Map.of()));
        return "identity/newUser";
    }

    @PostMapping
    String create(@AuthenticationPrincipal UserAccount me, @Valid @ModelAttribute("form") Forms.NewUserForm form,
            BindingResult result, Model model) {
        if (result.hasErrors()) {
            model.addAttribute("page", new Pages.NewUserPage(form, ROLES, FormErrors.of(result)));
            return "identity/newUser";
        }
        try {
            var created = identity.createUser(me.asActor(), form.username(), form.displayName(), form.email(), form.role());
            model.addAttribute("page", new Pages.UserCreatedPage(created.user(), created.temporaryPassword(), false));
            return "identity/userCreated";
        } catch (IdentityRuleException e) {
            model.addAttribute("page", new Pages.NewUserPage(form, ROLES, FormErrors.of(e.field(), e.getMessage())));
            return "identity/newUser";
        }
    }

    @PostMapping("/{id}/role")
    String changeRole(@AuthenticationPrincipal UserAccount me, @PathVariable long id,
            @Valid @ModelAttribute("form") Forms.RoleForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        if (result.hasErrors()) {
            return usersWithError(me, "Choose one of the roles.", model);
        }
        try {
            identity.changeRole(me.asActor(), id, form.role());
        } catch (IdentityRuleException e) {
            return usersWithError(me, e.getMessage(), model);
        }
        var user = identity.user(id);
        Flash.message(redirect, user.displayName() + " is now " + user.role().label()
                + ". Their sessions were ended so the new role applies at once.");
        return "redirect:/admin/users";
    }

    @PostMapping("/{id}/deactivate")
    String deactivate(@AuthenticationPrincipal UserAccount me, @PathVariable long id, Model model,
            RedirectAttributes redirect) {
        try {
            identity.deactivate(me.asActor(), id);
        } catch (IdentityRuleException e) {
            return usersWithError(me, e.getMessage(), model);
        }
        Flash.message(redirect, identity.user(id).displayName() + " is deactivated and signed out everywhere.");
        return "redirect:/admin/users";
    }

    @PostMapping("/{id}/reactivate")
    String reactivate(@AuthenticationPrincipal UserAccount me, @PathVariable long id, RedirectAttributes redirect) {
        identity.reactivate(me.asActor(), id);
        Flash.message(redirect, identity.user(id).displayName() + " can sign in again.");
        return "redirect:/admin/users";
    }

    @PostMapping("/{id}/reset-password")
    String resetPassword(@AuthenticationPrincipal UserAccount me, @PathVariable long id, Model model) {
        var temporaryPassword = identity.resetPassword(me.asActor(), id);
        model.addAttribute("page", new Pages.UserCreatedPage(identity.user(id), temporaryPassword, true));
        return "identity/userCreated";
    }

    private String usersWithError(UserAccount me, String error, Model model) {
        model.addAttribute("page", new Pages.UsersPage(identity.users(), me.userId(), ROLES, error));
        return "identity/users";
    }
}
