@NullMarked
package org.opportune;

import org.jspecify.annotations.NullMarked;
