/**
 * Customers: companies (name, mail domains, address, notes) and contacts (name, mail addresses, phone,
 * company, source), each with a {@link org.opportune.customer.Relationship}; which customer a conversation
 * is with; merging two contacts or two companies. Consumes
 * {@link org.opportune.conversation.ConversationEvents.MessageThreaded} and its batch form
 * {@link org.opportune.conversation.ConversationEvents.MessagesThreaded} (links the sender, or for our own
 * mail its external recipients, creating unknown contacts and companies) and the conversation module's
 * split and merge events. Publishes the audited {@link org.opportune.customer.CustomerEvents} (created,
 * updated, {@link org.opportune.customer.CustomerEvents.CustomersMerged}) and
 * {@link org.opportune.customer.CustomerEvents.ConversationLinked}. Other modules add panels to a
 * customer's page by implementing {@link org.opportune.customer.CustomerPageSection}.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"shared", "web", "mail", "conversation", "activity"})
package org.opportune.customer;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
