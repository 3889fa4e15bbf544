package org.opportune.identity.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import org.opportune.identity.ApiTokenService;
import org.opportune.web.api.ApiProblems;

/**
 * Signs in an API request that carries {@code Authorization: Bearer <personal token>}, for this request
 * only: no session is created or read. An unknown or revoked token, or one of a deactivated person, gets
 * a 401 problem detail at once.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String BEARER = "Bearer ";

    private final ObjectProvider<ApiTokenService> tokens;

    BearerTokenFilter(ObjectProvider<ApiTokenService> tokens) {
        this.tokens = tokens;
    }

    static boolean hasBearer(HttpServletRequest request) {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var secret = request.getHeader(HttpHeaders.AUTHORIZATION).substring(BEARER.length()).strip();
        var service = tokens.getIfAvailable();
        var account = service == null ? java.util.Optional.<org.opportune.identity.UserAccount>empty() : service.authenticate(secret);
        if (account.isEmpty()) {
            SecurityContextHolder.clearContext();
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            ApiProblems.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "The API token is unknown or revoked, or its owner is deactivated. Create a new one on your account page.");
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(account.get(), null,
                account.get().getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
