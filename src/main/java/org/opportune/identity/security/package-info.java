/** Spring Security wiring of the identity module: filters, handlers and the filter chain. */
@NullMarked
package org.opportune.identity.security;

import org.jspecify.annotations.NullMarked;
