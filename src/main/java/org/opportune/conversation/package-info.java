/**
 * Conversations: threads of messages, which message is in which thread, and the people's changes to
 * that (split a message out, merge two threads). Consumes {@link org.opportune.mail.MessageReceived}
 * and {@link org.opportune.mail.MessagesReceived} (an import's batch, threaded in one transaction) and
 * threads each message by In-Reply-To/References, falling back to the subject only for replies.
 * Publishes {@link org.opportune.conversation.ConversationEvents.MessageThreaded} once per message
 * threaded alone, {@link org.opportune.conversation.ConversationEvents.MessagesThreaded} per batch, and the audited {@link org.opportune.conversation.ConversationEvents.ConversationSplit} and
 * {@link org.opportune.conversation.ConversationEvents.ConversationsMerged}. Contributes the jar
 * command {@code threads --mailbox ADDRESS}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "mail", "identity", "web"})
package org.opportune.conversation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
