/**
 * In-app notifications: telling a person what needs them. Consumes, after commit and idempotently
 * (the event publication registry redelivers after a crash), the conversation module's
 * {@link org.opportune.conversation.ConversationEvents.NoteAdded} (the people a note @mentions),
 * {@link org.opportune.conversation.ConversationEvents.ConversationOwnerChanged} and
 * {@link org.opportune.opportunity.OpportunityEvents.OpportunityAssigned} (someone else gave you a
 * conversation or an opportunity), the task module's {@code TaskCreated}/{@code TaskAssigned} (someone
 * else gave you a task), {@link org.opportune.task.TaskEvents.TaskDue} and
 * {@link org.opportune.conversation.ConversationEvents.MessageThreaded} (the customer wrote again in a
 * conversation you own; recent mail from outside only, so an import of old mail tells nobody). Nobody is told about their
 * own actions (a claim, a self-assignment, mentioning yourself). Owns the {@code notifications} table;
 * publishes nothing: a leaf that only reads other modules' public APIs and listens.
 *
 * <p>The layout's "Notifications" link polls {@code /notifications/count} every 30 seconds (HTMX, no
 * script of ours, so the strict CSP holds) rather than opening one more server-sent event stream per
 * page: pages that already stream (inbox, presence) would otherwise hold two connections each, and a
 * few tabs would exhaust the browser's six connections per host. Polling reads the database, so it
 * works across several app nodes as well.
 *
 * <p>Reading a notification (opening it, "mark all read", the API) writes no activity entry: it is a
 * person's own view state, like a message's unread mark in a mail client; it changes nothing that
 * anyone else sees or relies on, and the trail is for changes to shared work (owner, stage, value,
 * outcome, access, replies).
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "web", "identity", "mail", "conversation", "opportunity", "task"})
package org.opportune.notification;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
