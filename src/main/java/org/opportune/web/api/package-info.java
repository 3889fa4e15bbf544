/**
 * Shared pieces of the JSON API under {@code /api}: RFC 9457 problem details
 * ({@link org.opportune.web.api.ApiProblems}) and the fallback advice that turns malformed requests and
 * refused permissions into them for every module's REST controllers.
 */
@NullMarked
package org.opportune.web.api;

import org.jspecify.annotations.NullMarked;
