/**
 * What a person writes replies with: signatures (each person's default, per mailbox if they like, and
 * a mailbox-wide footer an admin sets) and the team's reply templates with {{variables}} filled in from
 * the conversation. It owns the tables {@code signatures} and {@code reply_templates}, publishes
 * {@link org.opportune.compose.ComposeEvents} for the activity trail and consumes nothing. The inbox
 * uses it to pre-fill and fill the reply form.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "web", "mail"})
package org.opportune.compose;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
