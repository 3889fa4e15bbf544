/** The review page {@code /review}: the queues of a preset, each item with its actions in place. */
@NullMarked
package org.opportune.review.web;

import org.jspecify.annotations.NullMarked;
