package org.opportune.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.identity.IdentityEvents.*;
import org.opportune.shared.Actor;
import org.opportune.shared.SignedInUser;

/**
 * Accounts, roles, passwords and sign-in bookkeeping. Every change publishes an {@code Audited}
 * event, so it lands in the activity trail in the same transaction.
 */
@Service
@Transactional
public class IdentityService {

    static final int MIN_PASSWORD_LENGTH = 10;
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final SessionTerminator sessions;
    private final LoginThrottle throttle;
    private final ApiTokenStore tokens;
    private final RolePermissions permissions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    IdentityService(UserRepository users, PasswordEncoder passwordEncoder, SessionTerminator sessions,
            LoginThrottle throttle, ApiTokenStore tokens, RolePermissions permissions, ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
        this.throttle = throttle;
        this.tokens = tokens;
        this.permissions = permissions;
        this.events = events;
        this.clock = clock;
    }

    /** True until the first account exists: then the setup page creates the first admin. */
    @Transactional(readOnly = true)
    public boolean setupNeeded() {
        return users.count() == 0;
    }

    /** First run: creates the first admin. Refused once any account exists. */
    public UserView createFirstAdmin(String username, String displayName, @Nullable String email, String password) {
        if (!setupNeeded()) {
            throw IdentityRuleException.of("", "Setup is already done. Sign in, or ask an admin for an account.");
        }
        var user = insert(username, displayName, email, password, Role.ADMIN, false);
        events.publishEvent(new UserCreated(Actor.user(user.id(), user.username()), user.id(), user.username(),
                Role.ADMIN, "setup"));
        return user.view();
    }

    /**
     * An admin creates an account. The person gets a one-time password to pass on; they choose their
     * own at first sign-in.
     */
    public CreatedUser createUser(Actor actor, String username, String displayName, @Nullable String email, Role role) {
        var temporaryPassword = generatePassword();
        var user = insert(username, displayName, email, temporaryPassword, role, true);
        events.publishEvent(new UserCreated(actor, user.id(), user.username(), role, "admin"));
        return new CreatedUser(user.view(), temporaryPassword);
    }

    /** Creates an account with a known password, for the demo and for tests; nobody must change it. */
    public UserView createUserWithPassword(Actor actor, String username, String displayName, @Nullable String email,
            Role role, String password, String via) {
        var user = insert(username, displayName, email, password, role, false);
        events.publishEvent(new UserCreated(actor, user.id(), user.username(), role, via));
        return user.view();
    }

    private User insert(String username, String displayName, @Nullable String email, String password, Role role,
            boolean temporary) {
        var name = Usernames.normalise(username);
        if (!name.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw IdentityRuleException.of("username",
                    "Use 2 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.");
        }
        if (users.existsByUsername(name)) {
            throw IdentityRuleException.usernameTaken(name);
        }
        checkPassword(password, name, "password");
        return users.save(User.create(name, displayName.strip(), blankToNull(email), passwordEncoder.encode(password),
                role, temporary, clock));
    }

    public void changeRole(Actor actor, long userId, Role role) {
        var user = load(userId);
        if (user.role() == role) {
            return;
        }
        if (actor.userId() != null && actor.userId() == userId) {
            throw IdentityRuleException.notYourself("change the role of");
        }
        if (user.role() == Role.ADMIN && user.active() && users.countActiveWithRole(Role.ADMIN.name()) <= 1) {
            throw IdentityRuleException.lastAdmin();
        }
        var from = user.role();
        user.changeRole(role);
        users.save(user);
        // permissions live in the session: a new role takes effect at the next sign-in
        sessions.endAllSessionsOf(user.username());
        events.publishEvent(new UserRoleChanged(actor, userId, from, role));
    }

    /**
     * What a role may do here: its fixed permissions, with {@link Permission#DEAL_VALUES_VIEW} as
     * {@code opportune.identity.financials-roles} says. Other modules ask this instead of {@link Role#permissions()}.
     */
    @Transactional(readOnly = true)
    public Set<Permission> permissionsOf(Role role) {
        return permissions.of(role);
    }

    /** Deactivates an account, ends all its sessions and revokes its API tokens at once, on every node. */
    public void deactivate(Actor actor, long userId) {
        var user = load(userId);
        if (!user.active()) {
            return;
        }
        if (actor.userId() != null && actor.userId() == userId) {
            throw IdentityRuleException.notYourself("deactivate");
        }
        if (user.role() == Role.ADMIN && users.countActiveWithRole(Role.ADMIN.name()) <= 1) {
            throw IdentityRuleException.lastAdmin();
        }
        user.deactivate(clock);
        users.save(user);
        var ended = sessions.endAllSessionsOf(user.username());
        var revoked = tokens.revokeAllOf(userId, actor.name(), clock.instant());
        events.publishEvent(new UserDeactivated(actor, userId, user.username(), ended, revoked));
    }

    public void reactivate(Actor actor, long userId) {
        var user = load(userId);
        if (user.active()) {
            return;
        }
        user.reactivate();
        users.save(user);
        events.publishEvent(new UserReactivated(actor, userId, user.username()));
    }

    /** An admin resets someone's password: returns a one-time password, and ends their sessions. */
    public String resetPassword(Actor actor, long userId) {
        var user = load(userId);
        var temporaryPassword = generatePassword();
        user.changePassword(passwordEncoder.encode(temporaryPassword), true);
        users.save(user);
        sessions.endAllSessionsOf(user.username());
        events.publishEvent(new PasswordChanged(actor, userId, true));
        return temporaryPassword;
    }

    /** Sets a password without asking for the old one: the demo uses it when OPPORTUNE_DEMO_PASSWORD is set. */
    public void setPassword(Actor actor, String username, String password) {
        var user = users.findByUsername(Usernames.normalise(username))
                .orElseThrow(() -> IdentityRuleException.of("username", "No user " + username));
        checkPassword(password, user.username(), "password");
        user.changePassword(passwordEncoder.encode(password), false);
        users.save(user);
        events.publishEvent(new PasswordChanged(actor, user.id(), true));
    }

    public void changeOwnPassword(SignedInUser me, String currentPassword, String newPassword) {
        var user = load(me.userId());
        if (!passwordEncoder.matches(currentPassword, user.passwordHash())) {
            throw IdentityRuleException.of("currentPassword", "That is not your current password.");
        }
        if (passwordEncoder.matches(newPassword, user.passwordHash())) {
            throw IdentityRuleException.of("newPassword", "Choose a password different from the current one.");
        }
        checkPassword(newPassword, user.username(), "newPassword");
        user.changePassword(passwordEncoder.encode(newPassword), false);
        users.save(user);
        events.publishEvent(new PasswordChanged(me.asActor(), user.id(), false));
    }

    public UserView changeDisplayName(SignedInUser me, String displayName) {
        var user = load(me.userId());
        var from = user.displayName();
        var to = displayName.strip();
        if (to.isEmpty()) {
            throw IdentityRuleException.of("displayName", "Enter the name your colleagues know you by.");
        }
        if (!from.equals(to)) {
            user.rename(to);
            users.save(user);
            events.publishEvent(new DisplayNameChanged(me.asActor(), user.id(), from, to));
        }
        return user.view();
    }

    @Transactional(readOnly = true)
    public List<UserView> users() {
        return users.findAllForAdmin().stream().map(User::view).toList();
    }

    /**
     * @throws UserNotFoundException which callers catch for an account deleted meanwhile (showing the login name
     *         instead); it leaves their transaction usable, since a lookup that found nothing changed nothing
     */
    @Transactional(readOnly = true, noRollbackFor = UserNotFoundException.class)
    public UserView user(long userId) {
        return load(userId).view();
    }

    @Transactional(readOnly = true)
    public Optional<UserView> findByUsername(String username) {
        return users.findByUsername(Usernames.normalise(username)).map(User::view);
    }

    // --- sign-in bookkeeping, called by the security adapters ---

    /** How long the account or the address must wait before trying again, if it is throttled. */
    @Transactional(readOnly = true)
    public Optional<Duration> loginRetryAfter(String username, String remoteAddr) {
        return throttle.retryAfter(Usernames.normalise(username), remoteAddr);
    }

    public void loginThrottled(String username, String remoteAddr, long retryAfterMinutes) {
        events.publishEvent(new LoginThrottled(Actor.anonymous(Usernames.normalise(username)), remoteAddr,
                retryAfterMinutes));
    }

    public void loginFailed(String username, String remoteAddr, String reason) {
        var name = Usernames.normalise(username);
        throttle.recordFailure(name, remoteAddr);
        var userId = users.findByUsername(name).map(User::id).orElse(null);
        events.publishEvent(new LoginFailed(Actor.anonymous(name), userId, reason));
    }

    public void loginSucceeded(SignedInUser me) {
        throttle.clearAccount(me.username());
        events.publishEvent(new LoginSucceeded(me.asActor(), me.userId()));
    }

    public void loggedOut(SignedInUser me) {
        events.publishEvent(new LoggedOut(me.asActor(), me.userId()));
    }

    /** The session's principal after the person changed their own name or password. */
    @Transactional(readOnly = true)
    public UserAccount refreshedAccount(UserAccount account) {
        var user = load(account.userId());
        return UserAccount.of(user, permissions.of(user.role())).with(user.displayName(), user.mustChangePassword());
    }

    private User load(long userId) {
        return users.findById(userId).orElseThrow(() -> UserNotFoundException.forId(userId));
    }

    private void checkPassword(String password, String username, String field) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw IdentityRuleException.of(field,
                    "Use at least " + MIN_PASSWORD_LENGTH + " characters; a few unrelated words work well.");
        }
        if (password.length() > 128) {
            throw IdentityRuleException.of(field, "Use at most 128 characters.");
        }
        if (password.toLowerCase().contains(username)) {
            throw IdentityRuleException.of(field, "The password must not contain your username.");
        }
    }

    private String generatePassword() {
        var password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A new account and the one-time password to hand to its owner; shown once, never stored in clear. */
    public record CreatedUser(UserView user, String temporaryPassword) {
    }
}
