package org.opportune.identity.web;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import org.opportune.identity.ApiTokenService;
import org.opportune.identity.ApiTokenView;
import org.opportune.identity.IdentityProperties;
import org.opportune.identity.IdentityRuleException;
import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.identity.UserAccount;
import org.opportune.identity.UserView;
import org.opportune.identity.security.SecurityConfig;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** Renders every identity page with the facade mocked, with the real security rules in front. */
@WebMvcTest({LoginController.class, SetupController.class, AccountController.class, AdminUsersController.class})
@Import(SecurityConfig.class)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityControllerTests {

    private static final UserView ADMIN = new UserView(1, "dana", "Dana Whitfield", "dana@example.com", Role.ADMIN,
            true, false, Instant.parse("2026-11-01T09:00:00Z"));
    private static final UserView REP = new UserView(2, "priya", "Priya Shah", null, Role.REP, true, false,
            Instant.parse("2026-11-02T09:00:00Z"));

    @Autowired
    MockMvc mvc;

    @MockitoBean
    IdentityService identity;

    @MockitoBean
    UserDetailsService userDetails;

    @MockitoBean
    ApiTokenService tokens;

    @Test
    void signInPageExplainsAWrongPassword() throws Exception {
        mvc.perform(get("/login").param("error", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Wrong username or password.")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void throttledSignInAnswersTooManyRequests() throws Exception {
        mvc.perform(post("/login/throttled").requestAttr("opportune.retryAfterMinutes", 12L).with(csrf()))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().string(containsString("Try again in 12 minutes.")));
    }

    @Test
    void setupPageShowsOnlyWhileNoAccountExists() throws Exception {
        given(identity.setupNeeded()).willReturn(true);
        mvc.perform(get("/setup")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Create admin account")));

        given(identity.setupNeeded()).willReturn(false);
        mvc.perform(get("/setup")).andExpect(redirectedUrl("/login"));
    }

    @Test
    void setupRefusesAShortPasswordNextToTheField() throws Exception {
        given(identity.setupNeeded()).willReturn(true);
        given(identity.createFirstAdmin(any(), any(), any(), any()))
                .willThrow(IdentityRuleException.of("password", "Use at least 10 characters; a few unrelated words work well."));

        mvc.perform(post("/setup").with(csrf()).param("username", "anna").param("displayName", "Anna")
                        .param("password", "short").param("passwordRepeat", "short"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"password-error\">Use at least 10 characters")))
                .andExpect(content().string(not(containsString("value=\"short\""))));
    }

    @Test
    void accountPagesRenderForTheSignedInPerson() throws Exception {
        given(identity.user(2)).willReturn(REP);

        mvc.perform(get("/account").with(user(UserAccount.of(REP))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Signed in as <strong>priya</strong>, Sales rep.")));
        mvc.perform(get("/account/password").with(user(UserAccount.of(REP))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Change your password")));
    }

    @Test
    void aNewTokenIsShownOnceAndListedByItsPrefixOnly() throws Exception {
        var token = new ApiTokenView(9, 2, "CRM sync", "opp_AbCdEfGh", Instant.parse("2026-11-20T10:00:00Z"), null, null, null);
        var secret = "opp_AbCdEfGh" + "x".repeat(35);
        given(identity.user(2)).willReturn(REP);
        given(tokens.create(any(), eq("CRM sync"))).willReturn(new ApiTokenService.CreatedToken(token, secret));
        given(tokens.tokensOf(2)).willReturn(List.of(token));

        mvc.perform(post("/account/tokens").with(user(UserAccount.of(REP))).with(csrf()).param("label", "CRM sync"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<code class=\"secret\">" + secret + "</code>")))
                .andExpect(content().string(containsString("shown only this once")));
        mvc.perform(get("/account").with(user(UserAccount.of(REP))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<code>opp_AbCdEfGh…</code>")))
                .andExpect(content().string(containsString("action=\"/account/tokens/9/revoke\"")))
                .andExpect(content().string(not(containsString(secret))));
        mvc.perform(post("/account/tokens").with(user(UserAccount.of(REP))).with(csrf()).param("label", " "))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"label-error\">Give the token a name")));
    }

    @Test
    void wrongCurrentPasswordIsShownNextToTheField() throws Exception {
        willThrow(IdentityRuleException.of("currentPassword", "That is not your current password."))
                .given(identity).changeOwnPassword(any(), eq("wrong"), any());

        mvc.perform(post("/account/password").with(user(UserAccount.of(REP))).with(csrf())
                        .param("currentPassword", "wrong").param("newPassword", "long enough secret")
                        .param("repeatPassword", "long enough secret"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"currentPassword-error\">That is not your current password.")));
    }

    @Test
    void adminSeesPeopleWithActionsAndNoActionsOnThemselves() throws Exception {
        given(identity.users()).willReturn(List.of(ADMIN, REP));

        mvc.perform(get("/admin/users").with(user(UserAccount.of(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Priya Shah")))
                .andExpect(content().string(containsString("/admin/users/2/deactivate")))
                .andExpect(content().string(not(containsString("/admin/users/1/deactivate"))));
    }

    @Test
    void newPersonFormAndTheOneTimePasswordPageRender() throws Exception {
        given(identity.createUser(any(), eq("tom"), any(), any(), eq(Role.REP)))
                .willReturn(new IdentityService.CreatedUser(REP, "abcd-efgh-jkmn-pqrs"));

        mvc.perform(get("/admin/users/new").with(user(UserAccount.of(ADMIN))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Add a person")));
        mvc.perform(post("/admin/users").with(user(UserAccount.of(ADMIN))).with(csrf())
                        .param("username", "tom").param("displayName", "Tom Becker").param("role", "REP"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("abcd-efgh-jkmn-pqrs")));
    }

    @Test
    void refusedDeactivationIsExplainedOnThePeoplePage() throws Exception {
        given(identity.users()).willReturn(List.of(ADMIN, REP));
        willThrow(IdentityRuleException.lastAdmin()).given(identity).deactivate(any(), anyLong());

        mvc.perform(post("/admin/users/1/deactivate").with(user(UserAccount.of(ADMIN))).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This is the last active admin.")));
    }

    @Test
    void aRepCannotOpenAdminPages() throws Exception {
        mvc.perform(get("/admin/users").with(user(UserAccount.of(REP))))
                .andExpect(status().isForbidden());
    }
}
