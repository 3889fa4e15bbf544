/**
 * Small value types every module may use: actors, the {@link org.opportune.shared.Audited} contract
 * of the activity trail, the signed-in user. No beans live here.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package org.opportune.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
