/**
 * Live updates across app nodes: {@link org.opportune.web.live.LiveBus}, by PostgreSQL {@code LISTEN/NOTIFY}
 * or, on H2, within the process.
 */
@NullMarked
package org.opportune.web.live;

import org.jspecify.annotations.NullMarked;
