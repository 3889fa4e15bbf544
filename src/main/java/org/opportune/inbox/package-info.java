/**
 * The team's workspace over the shared mail: the inbox lists (unassigned, mine, waiting on us, all
 * open, archived; per mailbox, category, owner, search) with live updates, and the conversation page
 * (the thread with sanitised HTML in a sandboxed frame, attachments, owner and status actions,
 * timeline). It only reads other modules' public APIs and calls their services; it owns no tables.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "web", "conversation", "mail", "triage", "identity", "activity", "customer", "opportunity", "compose"})
package org.opportune.inbox;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
