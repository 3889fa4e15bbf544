package org.opportune.identity;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads a person for Spring Security's form login. */
@Service
class AccountDetailsService implements UserDetailsService {

    private final UserRepository users;
    private final RolePermissions permissions;

    AccountDetailsService(UserRepository users, RolePermissions permissions) {
        this.users = users;
        this.permissions = permissions;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        return users.findByUsername(Usernames.normalise(username))
                .map(user -> UserAccount.of(user, permissions.of(user.role())))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
