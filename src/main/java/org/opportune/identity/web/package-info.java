/** Sign-in, first-run setup, own account and the admin's user pages. */
@NullMarked
package org.opportune.identity.web;

import org.jspecify.annotations.NullMarked;
