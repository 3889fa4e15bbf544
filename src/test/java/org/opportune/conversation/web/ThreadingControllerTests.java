package org.opportune.conversation.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import org.opportune.conversation.ConversationNotFoundException;
import org.opportune.conversation.ConversationService;
import org.opportune.identity.IdentityProperties;
import org.opportune.identity.IdentityService;
import org.opportune.identity.security.SecurityConfig;
import org.opportune.shared.Actor;
import org.opportune.shared.SignedInUser;

import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.any;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Split and merge with the facade mocked, behind the real security rules. */
@WebMvcTest(ThreadingController.class)
@Import(SecurityConfig.class)
@EnableConfigurationProperties(IdentityProperties.class)
class ThreadingControllerTests {

    private static final Actor REP = Actor.user(2, "priya");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ConversationService conversations;

    @MockitoBean
    IdentityService identity;

    @MockitoBean
    UserDetailsService userDetails;

    @Test
    void splittingRedirectsToTheNewConversation() throws Exception {
        given(conversations.split(REP, 42)).willReturn(9L);

        mvc.perform(post("/messages/42/split").with(signedIn("INBOX_WORK")).with(csrf()))
                .andExpect(redirectedUrl("/conversations/9"))
                .andExpect(flash().attributeExists("flash"));
    }

    @Test
    void mergingRedirectsToTheTargetConversation() throws Exception {
        mvc.perform(post("/conversations/3/merge").param("other", "5").with(signedIn("INBOX_WORK")).with(csrf()))
                .andExpect(redirectedUrl("/conversations/3"));

        then(conversations).should().merge(REP, 3, 5);
    }

    @Test
    void mergingWithoutAnOtherConversationMergesNothing() throws Exception {
        mvc.perform(post("/conversations/3/merge").with(signedIn("INBOX_WORK")).with(csrf()))
                .andExpect(redirectedUrl("/conversations/3"));

        then(conversations).should(never()).merge(any(), anyLong(), anyLong());
    }

    @Test
    void aConcurrentChangeIsExplainedNotAnError() throws Exception {
        willThrow(new OptimisticLockingFailureException("stale")).given(conversations).merge(REP, 3, 5);

        mvc.perform(post("/conversations/3/merge").param("other", "5").with(signedIn("INBOX_WORK")).with(csrf()))
                .andExpect(redirectedUrl("/conversations/3"))
                .andExpect(flash().attributeExists("flash"));
    }

    @Test
    void anUnknownConversationIsNotFound() throws Exception {
        given(conversations.split(REP, 404)).willThrow(ConversationNotFoundException.forMessage(404));

        mvc.perform(post("/messages/404/split").with(signedIn("INBOX_WORK")).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aViewerMayNotSplitOrMerge() throws Exception {
        mvc.perform(post("/messages/42/split").with(signedIn("INBOX_VIEW")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/conversations/3/merge").param("other", "5").with(signedIn("INBOX_VIEW")).with(csrf()))
                .andExpect(status().isForbidden());

        then(conversations).shouldHaveNoInteractions();
    }

    private static RequestPostProcessor signedIn(String authority) {
        SignedInUser principal = new TestUser(REP.userId(), REP.name());
        return authentication(new UsernamePasswordAuthenticationToken(principal, null,
                List.of(new SimpleGrantedAuthority(authority))));
    }

    private record TestUser(long userId, String username) implements SignedInUser {
        public String displayName() {
            return username;
        }
    }

}
