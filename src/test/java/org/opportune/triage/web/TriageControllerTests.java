package org.opportune.triage.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import org.opportune.identity.IdentityProperties;
import org.opportune.identity.IdentityService;
import org.opportune.identity.security.SecurityConfig;
import org.opportune.shared.SignedInUser;
import org.opportune.triage.Category;
import org.opportune.triage.TriageRuleCommand;
import org.opportune.triage.TriageRulePreview;
import org.opportune.triage.TriageRuleService;
import org.opportune.triage.TriageRuleView;
import org.opportune.triage.TriageService;
import org.opportune.triage.TriageView;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The badge fragment and the rule editor's pages with the facades mocked, behind the real security rules. */
@WebMvcTest({TriageController.class, TriageRulesController.class})
@Import(SecurityConfig.class)
@EnableConfigurationProperties(IdentityProperties.class)
class TriageControllerTests {

    private static final TriageView QUOTE = new TriageView(42, Category.BUYING_SIGNAL, 0.9,
            "buying signal: asks for a quote: 'send us a quote'", List.of("buying.quote.ask.en"), Instant.EPOCH, null, null);
    private static final TriageRuleView RULE = new TriageRuleView("buying.quote.ask.en", Category.BUYING_SIGNAL, "en", "text",
            "asks for a quote", 0.9, "\\bquote\\b", true, true, TriageRuleView.Origin.DEFAULT);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    TriageService triage;

    @MockitoBean
    TriageRuleService rules;

    @MockitoBean
    IdentityService identity;

    @MockitoBean
    UserDetailsService userDetails;

    @Test
    void theBadgeExplainsTheCategoryAndOffersTheOverrideOnlyToPeopleWhoMayChangeIt() throws Exception {
        given(triage.triage(42)).willReturn(Optional.of(QUOTE));

        mvc.perform(get("/triage/messages/42/badge").header("HX-Request", "true").with(signedIn("INBOX_VIEW", "INBOX_WORK")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("title=\"buying signal: asks for a quote: &#39;send us a quote&#39;\"")))
                .andExpect(content().string(containsString("hx-post=\"/triage/messages/42/category\"")))
                .andExpect(content().string(containsString("Remember for this sender")));
        mvc.perform(get("/triage/messages/42/badge").with(signedIn("INBOX_VIEW")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(">buying signal</span>")))
                .andExpect(content().string(not(containsString("name=\"category\""))));
        mvc.perform(get("/triage/messages/7/badge").with(signedIn("INBOX_VIEW")))
                .andExpect(content().string(containsString("not triaged yet")));
    }

    @Test
    void anOverrideNeedsInboxWorkAndAKnownCategory() throws Exception {
        given(triage.triage(42)).willReturn(Optional.of(QUOTE));

        mvc.perform(post("/triage/messages/42/category").param("category", "support").with(signedIn("INBOX_VIEW")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/triage/messages/42/category").param("category", "spam").header("HX-Request", "true")
                        .with(signedIn("INBOX_VIEW", "INBOX_WORK")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Choose one of the categories.")));
        then(triage).should(never()).override(any(), org.mockito.ArgumentMatchers.anyLong(), any(), org.mockito.ArgumentMatchers.anyBoolean());
    }

    @Test
    void theRulePagesRenderAndAPreviewListsTheChanges() throws Exception {
        given(rules.rules()).willReturn(List.of(RULE));
        given(rules.rule("buying.quote.ask.en")).willReturn(Optional.of(RULE));
        given(rules.preview(any(TriageRuleCommand.class))).willReturn(new TriageRulePreview(120, 2, List.of(
                new TriageRulePreview.Change(42, "Desks for the new office", "anna@customer.example", Category.BUYING_SIGNAL,
                        Category.OTHER, "other: nothing convincing"))));

        mvc.perform(get("/admin/triage/rules").with(signedIn("ADMINISTER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/admin/triage/rules/buying.quote.ask.en\"")));
        mvc.perform(get("/admin/triage/rules/buying.quote.ask.en").with(signedIn("ADMINISTER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Try on the last 500 messages")));
        mvc.perform(post("/admin/triage/rules").with(signedIn("ADMINISTER")).with(csrf()).param("action", "preview")
                        .param("isNew", "false").param("id", "buying.quote.ask.en").param("category", "buying_signal")
                        .param("language", "en").param("where", "text").param("kind", "asks for a quote")
                        .param("weight", "0,9").param("pattern", "\\bquotation\\b"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Preview: 1 of 120 messages would change category")))
                .andExpect(content().string(containsString("Desks for the new office")));
        mvc.perform(get("/admin/triage/rules").with(signedIn("INBOX_WORK")))
                .andExpect(status().isForbidden());
    }

    private static RequestPostProcessor signedIn(String... authorities) {
        SignedInUser principal = new TestUser(2, "priya");
        return authentication(new UsernamePasswordAuthenticationToken(principal, null,
                Arrays.stream(authorities).map(SimpleGrantedAuthority::new).toList()));
    }

    private record TestUser(long userId, String username) implements SignedInUser {
        public String displayName() {
            return username;
        }
    }
}
