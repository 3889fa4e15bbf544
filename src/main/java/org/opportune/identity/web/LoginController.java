package org.opportune.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.opportune.identity.IdentityProperties;
import org.opportune.identity.IdentityService;

/** The sign-in page; Spring Security handles the POST. */
@Controller
class LoginController {

    private final IdentityProperties properties;
    private final IdentityService identity;

    LoginController(IdentityProperties properties, IdentityService identity) {
        this.properties = properties;
        this.identity = identity;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
            @RequestParam(required = false) String deactivated, Model model) {
        String message = null;
        if (error != null) {
            message = "Wrong username or password. After 5 failed attempts, sign-in pauses for 15 minutes.";
        } else if (deactivated != null) {
            message = "This account has been deactivated. Ask an admin if you need access again.";
        }
        model.addAttribute("page", new Pages.LoginPage(message, logout != null ? "You have signed out." : null, "",
                properties.rememberMe().enabled(), identity.setupNeeded()));
        return "identity/login";
    }

    /** Where the throttling filter forwards a refused attempt. */
    @RequestMapping("/login/throttled")
    String throttled(HttpServletRequest request, HttpServletResponse response, Model model) {
        var minutes = request.getAttribute("opportune.retryAfterMinutes");
        var username = request.getParameter("username");
        response.setStatus(429);
        model.addAttribute("page", new Pages.LoginPage(
                "Too many failed sign-in attempts. Try again in " + (minutes == null ? "a few" : minutes)
                        + (Long.valueOf(1).equals(minutes) ? " minute." : " minutes."),
                null, username == null ? "" : username, properties.rememberMe().enabled(), false));
        return "identity/login";
    }
}
