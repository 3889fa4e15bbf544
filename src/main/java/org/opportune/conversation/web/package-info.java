/** The people's corrections to threading: split a message out, merge two conversations. */
@NullMarked
package org.opportune.conversation.web;

import org.jspecify.annotations.NullMarked;
