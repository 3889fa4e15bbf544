/** The admin pages of the activity trail. */
@NullMarked
package org.opportune.activity.web;

import org.jspecify.annotations.NullMarked;
