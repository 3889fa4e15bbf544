package org.opportune.identity;

import java.io.Serial;
import java.util.Collection;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import org.opportune.shared.SignedInUser;

/**
 * The signed-in person, as kept in the (database-backed) session. Its authorities are the role's
 * permissions plus {@code ROLE_<role>}.
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
    private @Nullable String passwordHash;

    UserAccount(long userId, String username, String displayName, Role role, boolean active,
            boolean mustChangePassword, @Nullable String passwordHash) {
        this.userId = userId;
        this.username = username;
        this.displayName = displayName;
        this.role = role;
        this.active = active;
        this.mustChangePassword = mustChangePassword;
        this.passwordHash = passwordHash;
    }

    static UserAccount of(User user) {
        return new UserAccount(user.id(), user.username(), user.displayName(), user.role(), user.active(),
                user.mustChangePassword(), user.passwordHash());
    }

    /** A signed-in person without credentials, such as a principal rebuilt from a stored view. */
    public static UserAccount of(UserView user) {
        return new UserAccount(user.id(), user.username(), user.displayName(), user.role(), user.active(),
                user.mustChangePassword(), null);
    }

    /** The same person after a change of their own display name or password, to refresh the session. */
    UserAccount with(String newDisplayName, boolean newMustChangePassword) {
        return new UserAccount(userId, username, newDisplayName, role, active, newMustChangePassword, null);
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

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return Stream.concat(
                        role.permissions().stream().map(Permission::authority),
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
