package org.opportune.identity;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A person's account. Only individual accounts exist; nobody shares a login. */
@Table("users")
class User {

    @Id
    private @Nullable Long id;
    private final String username;
    private String displayName;
    private @Nullable String email;
    private String passwordHash;
    private Role role;
    private boolean active;
    private boolean mustChangePassword;
    private final Instant createdAt;
    private @Nullable Instant deactivatedAt;
    @Version
    private int version;

    @PersistenceCreator
    User(@Nullable Long id, String username, String displayName, @Nullable String email, String passwordHash,
            Role role, boolean active, boolean mustChangePassword, Instant createdAt,
            @Nullable Instant deactivatedAt, int version) {
        this.id = id;
        this.username = username;
        this.displayName = displayName;
        this.email = email;
        this.passwordHash = passwordHash;
        this.role = role;
        this.active = active;
        this.mustChangePassword = mustChangePassword;
        this.createdAt = createdAt;
        this.deactivatedAt = deactivatedAt;
        this.version = version;
    }

    static User create(String username, String displayName, @Nullable String email, String passwordHash, Role role,
            boolean mustChangePassword, Clock clock) {
        return new User(null, username, displayName, email, passwordHash, role, true, mustChangePassword,
                clock.instant(), null, 0);
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("user not saved yet");
        }
        return id;
    }

    String username() {
        return username;
    }

    String displayName() {
        return displayName;
    }

    String passwordHash() {
        return passwordHash;
    }

    Role role() {
        return role;
    }

    boolean active() {
        return active;
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }

    void changeRole(Role newRole) {
        this.role = newRole;
    }

    void deactivate(Clock clock) {
        this.active = false;
        this.deactivatedAt = clock.instant();
    }

    void reactivate() {
        this.active = true;
        this.deactivatedAt = null;
    }

    /** Sets a new password hash; {@code temporary} when an admin set it and the owner must choose their own. */
    void changePassword(String newHash, boolean temporary) {
        this.passwordHash = newHash;
        this.mustChangePassword = temporary;
    }

    void rename(String newDisplayName) {
        this.displayName = newDisplayName;
    }

    UserView view() {
        return new UserView(id(), username, displayName, email, role, active, mustChangePassword, createdAt);
    }
}
