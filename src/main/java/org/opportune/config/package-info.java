/**
 * Application-wide configuration that belongs to no feature: the {@link java.time.Clock}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package org.opportune.config;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
