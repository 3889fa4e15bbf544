package org.opportune.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after sign-in: the inbox for everyone who may read it, a short welcome for anyone else. */
@Controller
class HomeController {

    /** The authority that lets a person read the shared inbox (identity's {@code INBOX_VIEW}). */
    private static final String INBOX_VIEW = "INBOX_VIEW";

    @GetMapping("/")
    String home(Authentication authentication) {
        var readsInbox = authentication.getAuthorities().stream().anyMatch(a -> INBOX_VIEW.equals(a.getAuthority()));
        return readsInbox ? "forward:/inbox" : "web/home";
    }
}
