/**
 * Application-wide configuration that belongs to no feature: the {@link java.time.Clock}, the executor of
 * import batch listeners, the retry of event deliveries that failed and the registry's housekeeping.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared"})
package org.opportune.config;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
