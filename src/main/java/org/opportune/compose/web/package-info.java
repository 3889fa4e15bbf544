/** The signature forms on the account page, the admin's reply templates and mailbox footers, and the template API. */
@NullMarked
package org.opportune.compose.web;

import org.jspecify.annotations.NullMarked;
