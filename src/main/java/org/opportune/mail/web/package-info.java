/** The mail admin pages: importing uploaded .eml and mbox files, and the quarantine. */
@NullMarked
package org.opportune.mail.web;

import org.jspecify.annotations.NullMarked;
