/** The triage API (a message's triage, overrides), the category badge fragment other pages include, and the admin's rule editor. */
@NullMarked
package org.opportune.triage.web;

import org.jspecify.annotations.NullMarked;
