package org.opportune.compose;

import org.jspecify.annotations.Nullable;

/**
 * What a template's variables are filled with, from the conversation being answered. Anything may be
 * missing (a conversation without a linked customer, an unassigned one, no opportunity): see
 * {@link TemplateVariable} for what a missing value becomes.
 *
 * @param contactName      the customer contact's name
 * @param companyName      the contact's company
 * @param ownerName        the display name of the person who owns the conversation
 * @param meName           the display name of the person writing
 * @param mailboxName      the name of the mailbox the reply goes out from
 * @param opportunityTitle the title of the opportunity linked to the conversation
 */
public record ReplyValues(@Nullable String contactName, @Nullable String companyName, @Nullable String ownerName,
        String meName, @Nullable String mailboxName, @Nullable String opportunityTitle) {
}
