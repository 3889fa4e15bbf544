/**
 * The notifications page, the unread count the layout's "Notifications" link polls, and the
 * notifications API under {@code /api/v1/notifications}.
 */
@NullMarked
package org.opportune.notification.web;

import org.jspecify.annotations.NullMarked;
