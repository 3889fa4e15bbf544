package org.opportune.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.identity.IdentityEvents.ApiTokenCreated;
import org.opportune.identity.IdentityEvents.ApiTokenRevoked;

/**
 * Personal API tokens: a person creates one with a label and sees its secret once; only a SHA-256
 * hash is stored. A request with {@code Authorization: Bearer <secret>} acts as that person, with
 * their current role's permissions, until the token is revoked or the person is deactivated.
 */
@Service
@Transactional
public class ApiTokenService {

    /** Every secret starts with this, so that a leaked one is easy to recognise (and to search for). */
    public static final String SECRET_PREFIX = "opp_";
    static final int VISIBLE_CHARACTERS = 8;
    private static final int SECRET_BYTES = 32;

    private final ApiTokenStore tokens;
    private final UserRepository users;
    private final RolePermissions permissions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokenService(ApiTokenStore tokens, UserRepository users, RolePermissions permissions,
            ApplicationEventPublisher events, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.permissions = permissions;
        this.events = events;
        this.clock = clock;
    }

    /** Creates a token for the person themself; the answer holds the secret, which is never shown again. */
    public CreatedToken create(UserAccount me, String label) {
        var name = label.strip();
        if (name.isEmpty()) {
            throw IdentityRuleException.of("label", "Give the token a name, such as the script that will use it.");
        }
        if (name.length() > 100) {
            throw IdentityRuleException.of("label", "Use at most 100 characters.");
        }
        var bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        var secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var prefix = secret.substring(0, SECRET_PREFIX.length() + VISIBLE_CHARACTERS);
        var id = tokens.insert(me.userId(), name, hash(secret), prefix, clock.instant());
        events.publishEvent(new ApiTokenCreated(me.asActor(), id, me.userId(), name, prefix));
        return new CreatedToken(tokens.find(id).orElseThrow(), secret);
    }

    @Transactional(readOnly = true)
    public List<ApiTokenView> tokensOf(long userId) {
        return tokens.ofUser(userId);
    }

    /**
     * Revokes a token: its owner may, and so may whoever manages users. Revoking a revoked token does nothing.
     *
     * @throws ApiTokenNotFoundException when there is no such token, or it is someone else's and {@code me} may not manage users
     */
    public ApiTokenView revoke(UserAccount me, long tokenId) {
        var token = tokens.find(tokenId)
                .filter(t -> t.userId() == me.userId() || me.can(Permission.USERS_MANAGE))
                .orElseThrow(() -> ApiTokenNotFoundException.forId(tokenId));
        if (tokens.revoke(tokenId, me.username(), clock.instant())) {
            events.publishEvent(new ApiTokenRevoked(me.asActor(), tokenId, token.userId(), token.label(), token.prefix()));
        }
        return tokens.find(tokenId).orElseThrow();
    }

    /**
     * The person a secret belongs to, with their current permissions: empty when the secret is unknown or
     * revoked, or its owner is deactivated. Records when the token was last used.
     */
    public Optional<UserAccount> authenticate(String secret) {
        if (!secret.startsWith(SECRET_PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        return tokens.findActiveByHash(hash(secret))
                .flatMap(token -> users.findById(token.userId())
                        .filter(User::active)
                        .map(user -> {
                            tokens.touch(token.id(), clock.instant());
                            return UserAccount.of(user, permissions.of(user.role()));
                        }));
    }

    static String hash(String secret) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** A new token and its secret, to show once. */
    public record CreatedToken(ApiTokenView token, String secret) {
    }
}
