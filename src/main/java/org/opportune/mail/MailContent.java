package org.opportune.mail;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a raw message says, read without storing it: for commands and modules that look at .eml files
 * or need header fields that {@link MessageView} leaves out (List-Unsubscribe, Auto-Submitted, ...).
 *
 * @param addresses       From, To, Cc and Reply-To in header order
 * @param attachmentNames the sanitised file names of its attachments and inline parts
 * @param headers         the top-level header fields by lower-case name: the first field of each name,
 *                        unfolded, encoded words left as written
 */
public record MailContent(
        String subject,
        String fromAddress,
        @Nullable String fromName,
        List<MessageView.MessageAddress> addresses,
        @Nullable String textBody,
        @Nullable String htmlBody,
        List<String> attachmentNames,
        Map<String, String> headers) {

    /** The first header field of that name (any case), or null. */
    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
