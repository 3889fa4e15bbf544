package org.opportune.customer;

import org.jspecify.annotations.Nullable;

/**
 * The customer a conversation is with: the contact that wrote first (or, for a conversation we started,
 * the first external recipient) and that contact's company. A conversation with a free-mail sender has
 * a contact and no company.
 */
public record ConversationCustomer(long conversationId, ContactView contact, @Nullable CompanyView company) {
}
