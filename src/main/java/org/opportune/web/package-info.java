/**
 * The shared web layer: the layout's {@link org.opportune.web.Shell} (who is signed in, navigation,
 * CSRF token, flash message), navigation entries that modules contribute, friendly error pages and
 * HTMX helpers. It knows no feature module.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package org.opportune.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
