package org.opportune.compose.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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

import org.opportune.compose.ReplyTemplateService;
import org.opportune.compose.ReplyTemplateView;
import org.opportune.compose.SignatureService;
import org.opportune.compose.Signatures;
import org.opportune.identity.IdentityProperties;
import org.opportune.identity.IdentityService;
import org.opportune.identity.security.SecurityConfig;
import org.opportune.mail.MailboxView;
import org.opportune.shared.SignedInUser;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The signature forms and the admin's reply pages with the facades mocked, behind the real security rules. */
@WebMvcTest({SignatureController.class, ReplyTemplatesController.class})
@Import(SecurityConfig.class)
@EnableConfigurationProperties(IdentityProperties.class)
class ComposeControllerTests {

    private static final MailboxView SALES = new MailboxView(3, "Sales", "sales@example.com", null, null, null, null, false,
            List.of("INBOX"), null, null, null, null, false, 60, false, null);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SignatureService signatures;

    @MockitoBean
    ReplyTemplateService templates;

    @MockitoBean
    IdentityService identity;

    @MockitoBean
    UserDetailsService userDetails;

    @Test
    void theSignatureFormsComeAsAFragmentForTheAccountPageAndAsAPageOfTheirOwn() throws Exception {
        given(signatures.signatures(2)).willReturn(new Signatures("Priya Shah", Map.of(3L, "Priya, Sales"),
                Map.of(3L, "Example Ltd"), List.of(SALES)));

        mvc.perform(get("/account/signatures").header("HX-Request", "true").with(signedIn("INBOX_WORK")))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<html"))))
                .andExpect(content().string(containsString("<label for=\"signature-3\">For Sales")))
                .andExpect(content().string(containsString("Priya, Sales</textarea>")))
                .andExpect(content().string(containsString("An admin's footer goes under it")));
        mvc.perform(get("/account/signatures").with(signedIn("INBOX_WORK")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<h1 id=\"signatures-title\">Your signatures</h1>")));
        mvc.perform(get("/account/signatures").with(signedIn("INBOX_VIEW"))).andExpect(status().isForbidden());
    }

    @Test
    void savingASignatureSavesTheSignedInPersonsOwn() throws Exception {
        mvc.perform(post("/account/signatures").param("mailboxId", "3").param("text", "Priya").with(signedIn("INBOX_WORK"))
                        .with(csrf()))
                .andExpect(redirectedUrl("/account#signatures"));

        then(signatures).should().setPersonal(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.eq(2L),
                org.mockito.ArgumentMatchers.eq(3L), org.mockito.ArgumentMatchers.eq("Priya"));
    }

    @Test
    void theRepliesPageListsTemplatesVariablesAndFootersForAdminsOnly() throws Exception {
        given(templates.templates()).willReturn(List.of(new ReplyTemplateView(5, "Quote follow-up", null,
                "Hello {{contact.first_name}}", "dana", Instant.EPOCH)));
        given(signatures.signatures(2)).willReturn(new Signatures("", Map.of(3L, "Example Ltd"), Map.of(3L, "Example Ltd"),
                List.of(SALES)));

        mvc.perform(get("/admin/replies").with(signedIn("ADMINISTER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<a href=\"/admin/replies/templates/5\">Quote follow-up</a>")))
                .andExpect(content().string(containsString("<code>{{contact.first_name}}</code>")))
                .andExpect(content().string(containsString("Example Ltd</textarea>")));
        mvc.perform(get("/admin/replies/templates/new").with(signedIn("ADMINISTER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("action=\"/admin/replies/templates\"")));
        mvc.perform(get("/admin/replies").with(signedIn("INBOX_WORK"))).andExpect(status().isForbidden());
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
