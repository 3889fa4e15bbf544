/**
 * Individual accounts, roles and permissions, sign-in and sign-out, login throttling, sessions
 * (in the database) and offboarding. Publishes the {@link org.opportune.identity.IdentityEvents}
 * (user created, role changed, deactivated, sign-in results), all of them audited.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "web"})
package org.opportune.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
