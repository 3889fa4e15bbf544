package org.opportune.demo;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.opportune.identity.IdentityService;
import org.opportune.identity.Role;
import org.opportune.identity.UserView;
import org.opportune.shared.Actor;

/**
 * One demo user for each role, created when missing. They share one password: the configured one
 * (set again at every start, so the variable always works), or one generated at their creation.
 */
class DemoUsers {

    static final List<DemoUser> USERS = List.of(
            new DemoUser("dana", "Dana Whitfield", Role.ADMIN),
            new DemoUser("marco", "Marco Rossi", Role.MANAGER),
            new DemoUser("priya", "Priya Shah", Role.REP),
            new DemoUser("tom", "Tom Becker", Role.REP),
            new DemoUser("lena", "Lena Novak", Role.VIEWER));

    private final DemoProperties properties;
    private final String domain;
    private final IdentityService identity;

    DemoUsers(DemoProperties properties, String domain, IdentityService identity) {
        this.properties = properties;
        this.domain = domain;
        this.identity = identity;
    }

    Result ensure() {
        var configured = properties.passwordConfigured() ? checked(properties.password()) : null;
        String generated = null;
        var accounts = new ArrayList<Account>();
        for (var user : USERS) {
            var existing = identity.findByUsername(user.username());
            if (existing.isEmpty()) {
                if (configured == null && generated == null) {
                    generated = DemoPasswords.generate(usernames());
                }
                var password = configured != null ? configured : generated;
                var created = identity.createUserWithPassword(Actor.system(), user.username(), user.displayName(),
                        email(user), user.role(), password, "demo");
                accounts.add(new Account(created, Status.CREATED));
            } else if (!isDemoAccount(existing.get())) {
                accounts.add(new Account(existing.get(), Status.NOT_A_DEMO_ACCOUNT));
            } else if (configured != null) {
                identity.setPassword(Actor.system(), user.username(), configured);
                accounts.add(new Account(existing.get(), Status.PASSWORD_SET));
            } else {
                accounts.add(new Account(existing.get(), Status.EXISTING));
            }
        }
        return new Result(accounts, configured != null, generated);
    }

    /** Someone may have made a real account with a demo login name; the demo never touches its password. */
    private boolean isDemoAccount(UserView user) {
        return email(user.username()).equalsIgnoreCase(user.email() == null ? "" : user.email());
    }

    private String email(DemoUser user) {
        return email(user.username());
    }

    private String email(String username) {
        return username + "@" + domain;
    }

    /** Fails the start with a clear message instead of half-creating the users. */
    private static String checked(String password) {
        var lower = password.toLowerCase();
        if (password.length() < 10 || password.length() > 128 || usernames().stream().anyMatch(lower::contains)) {
            throw new IllegalStateException("OPPORTUNE_DEMO_PASSWORD must have 10 to 128 characters and must not "
                    + "contain a demo login name (" + String.join(", ", usernames()) + ").");
        }
        return password;
    }

    static List<String> usernames() {
        return USERS.stream().map(DemoUser::username).toList();
    }

    record DemoUser(String username, String displayName, Role role) {
    }

    enum Status { CREATED, PASSWORD_SET, EXISTING, NOT_A_DEMO_ACCOUNT }

    record Account(UserView user, Status status) {
    }

    /**
     * What {@link #ensure()} did.
     *
     * @param passwordConfigured the password is {@code OPPORTUNE_DEMO_PASSWORD}
     * @param generatedPassword  the password generated for the accounts created now; shown once
     */
    record Result(List<Account> accounts, boolean passwordConfigured, @Nullable String generatedPassword) {
    }
}
