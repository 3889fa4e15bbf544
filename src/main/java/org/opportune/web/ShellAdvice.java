package org.opportune.web;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;

import org.opportune.shared.SignedInUser;

/** Puts the {@link Shell} into every page's model under the name {@code shell}. */
@ControllerAdvice
class ShellAdvice {

    static final String FLASH = "flash";

    private final List<NavEntry> navigation;
    private final long notificationPollSeconds;

    ShellAdvice(ObjectProvider<NavEntry> navigation,
            @Value("${opportune.notifications.count-poll-interval:30s}") Duration notificationPoll) {
        this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavEntry::order)).toList();
        this.notificationPollSeconds = Math.max(1, notificationPoll.toSeconds());
    }

    @ModelAttribute("shell")
    Shell shell(HttpServletRequest request) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        SignedInUser user = null;
        Set<String> authorities = Set.of();
        if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
                && authentication.getPrincipal() instanceof SignedInUser signedIn) {
            user = signedIn;
            authorities = authentication.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .collect(Collectors.toUnmodifiableSet());
        }
        var visible = authorities;
        var csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        var flashMap = RequestContextUtils.getInputFlashMap(request);
        var flash = flashMap == null ? null : (String) flashMap.get(FLASH);
        return new Shell(
                user,
                authorities,
                navigation.stream().filter(entry -> visible.contains(entry.permission())).toList(),
                csrf == null ? "X-CSRF-TOKEN" : csrf.getHeaderName(),
                csrf == null ? "_csrf" : csrf.getParameterName(),
                csrf == null ? "" : csrf.getToken(),
                request.getRequestURI(),
                flash,
                notificationPollSeconds);
    }
}
