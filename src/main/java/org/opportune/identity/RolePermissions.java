package org.opportune.identity;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * The permissions a role has here: the role's fixed set, with {@link Permission#DEAL_VALUES_VIEW}
 * ("see financials") granted to exactly the roles of {@code opportune.identity.financials-roles}.
 */
@Component
class RolePermissions {

    private final Set<Role> financialsRoles;

    RolePermissions(IdentityProperties properties) {
        this.financialsRoles = properties.financialsRoles().isEmpty() ? EnumSet.noneOf(Role.class)
                : EnumSet.copyOf(properties.financialsRoles());
    }

    Set<Permission> of(Role role) {
        var permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(role.permissions());
        if (financialsRoles.contains(role)) {
            permissions.add(Permission.DEAL_VALUES_VIEW);
        } else {
            permissions.remove(Permission.DEAL_VALUES_VIEW);
        }
        return Set.copyOf(permissions);
    }
}
