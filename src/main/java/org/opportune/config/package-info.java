/**
 * Application-wide configuration that belongs to no feature: the {@link java.time.Clock}, and the retry of
 * event deliveries that failed.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package org.opportune.config;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
