/** The customer module's tables and the pure rules of matching mail addresses and domains; used only by the module itself. */
@NullMarked
package org.opportune.customer.internal;

import org.jspecify.annotations.NullMarked;
