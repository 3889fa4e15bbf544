package org.opportune.identity;

import java.io.Serial;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import org.opportune.shared.SignedInUser;

/**
 * The signed-in person, as kept in the (database-backed) session, or rebuilt for each request with an
 * API token. Its authorities are the role's permissions as configured (see {@code financials-roles})
 * plus {@code ROLE_<role>}.
 */
public final class UserAccount implements UserDetails, CredentialsContainer, SignedInUser {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long userId;
    private final String username;
    private final String displayName;
    private final Role role;
    private final boolean active;
    private final boolean mustChangePassword;
    /** Null only in sessions stored before permissions were configurable: then the role's own set applies. */
    private final @Nullable Set<Permission> permissions;
    private @Nullable String passwordHash;

    UserAccount(long userId, String username, String displayName, Role role, boolean active,
            boolean mustChangePassword, Set<Permission> permissions, @Nullable String passwordHash) {
        this.userId = userId;
        this.username = username;
        this.displayName = displayName;
        this.role = role;
        this.active = active;
        this.mustChangePassword = mustChangePassword;
        this.permissions = Set.copyOf(permissions);
        this.passwordHash = passwordHash;
    }

    static UserAccount of(User user, Set<Permission> permissions) {
        return new UserAccount(user.id(), user.username(), user.displayName(), user.role(), user.active(),
                user.mustChangePassword(), permissions, user.passwordHash());
    }

    /** A signed-in person without credentials, with the role's default permissions, such as a principal in a test. */
    public static UserAccount of(UserView user) {
        return new UserAccount(user.id(), user.username(), user.displayName(), user.role(), user.active(),
                user.mustChangePassword(), user.role().permissions(), null);
    }

    /** The same person after a change of their own display name or password, to refresh the session. */
    UserAccount with(String newDisplayName, boolean newMustChangePassword) {
        return new UserAccount(userId, username, newDisplayName, role, active, newMustChangePassword, permissions(), null);
    }

    @Override
    public long userId() {
        return userId;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    /** True until the person replaces a password that an admin set for them. */
    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    /** What this person may do: their role's permissions as configured when they signed in. */
    public Set<Permission> permissions() {
        return permissions == null ? role.permissions() : permissions;
    }

    public boolean can(Permission permission) {
        return permissions().contains(permission);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return Stream.concat(
                        permissions().stream().sorted().map(Permission::authority),
                        Stream.of("ROLE_" + role.name()))
                .map(SimpleGrantedAuthority::new)
                .toList();
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserAccount account && account.userId == userId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(userId);
    }

    @Override
    public String toString() {
        return "UserAccount[" + username + "]";
    }
}
