/**
 * Application-wide configuration that belongs to no feature: the {@link java.time.Clock} and the executor of
 * import batch listeners.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared"})
package org.opportune.config;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
