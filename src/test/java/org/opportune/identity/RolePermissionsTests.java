package org.opportune.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class RolePermissionsTests {

    @Test
    void byDefaultAdminsManagersAndRepsSeeDealValuesAndViewersDoNot() {
        var permissions = new RolePermissions(properties(List.of(Role.ADMIN, Role.MANAGER, Role.REP)));

        assertThat(permissions.of(Role.ADMIN)).contains(Permission.DEAL_VALUES_VIEW);
        assertThat(permissions.of(Role.MANAGER)).contains(Permission.DEAL_VALUES_VIEW);
        assertThat(permissions.of(Role.REP)).contains(Permission.DEAL_VALUES_VIEW);
        assertThat(permissions.of(Role.VIEWER)).doesNotContain(Permission.DEAL_VALUES_VIEW)
                .containsExactlyInAnyOrder(Permission.INBOX_VIEW, Permission.PIPELINE_VIEW);
    }

    @Test
    void financialsRolesDecideWhoSeesDealValuesAndNothingElseChanges() {
        var permissions = new RolePermissions(properties(List.of(Role.ADMIN, Role.MANAGER, Role.VIEWER)));

        assertThat(permissions.of(Role.REP)).doesNotContain(Permission.DEAL_VALUES_VIEW)
                .contains(Permission.INBOX_WORK, Permission.PIPELINE_VIEW);
        assertThat(permissions.of(Role.VIEWER)).contains(Permission.DEAL_VALUES_VIEW).doesNotContain(Permission.INBOX_WORK);
    }

    @Test
    void theSignedInRepGetsTheConfiguredAuthorities() {
        var users = mock(UserRepository.class);
        var rep = new User(5L, "priya", "Priya", null, "{noop}x", Role.REP, true, false, Instant.EPOCH, null, 0);
        given(users.findByUsername("priya")).willReturn(Optional.of(rep));
        var details = new AccountDetailsService(users, new RolePermissions(properties(List.of(Role.ADMIN, Role.MANAGER))));

        var account = details.loadUserByUsername("priya");

        assertThat(account.getAuthorities()).extracting(Object::toString)
                .contains("INBOX_WORK", "ROLE_REP").doesNotContain("DEAL_VALUES_VIEW");
    }

    private static IdentityProperties properties(List<Role> financialsRoles) {
        return new IdentityProperties(new IdentityProperties.LoginThrottleSettings(5, Duration.ofMinutes(15)),
                new IdentityProperties.RememberMeSettings(false, "", Duration.ofDays(14)), financialsRoles);
    }
}
