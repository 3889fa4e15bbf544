/**
 * The append-only, hash-chained activity trail: who did what, when, from where, before → after.
 * Consumes every {@link org.opportune.shared.Audited} event synchronously (inside the publisher's
 * transaction); lists, filters and exports entries for admins and verifies the chain. Publishes nothing.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "web"})
package org.opportune.activity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
