package org.opportune.triage;

import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.opportune.mail.MailContent;

/** Builds the classifier's input from a parsed message. */
final class TriageInputs {

    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern BLOCK = Pattern.compile("(?i)<\\s*(br|/p|/div|/tr|/li|/h\\d)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private TriageInputs() {
    }

    static TriageInput from(MailContent mail, Set<String> ownDomains, Relationship relationship, @Nullable Category senderOverride) {
        var recipients = mail.addresses().stream().filter(a -> a.kind().equals("TO") || a.kind().equals("CC"))
                .map(a -> a.address()).toList();
        var replyTo = mail.addresses().stream().filter(a -> a.kind().equals("REPLY_TO")).map(a -> a.address())
                .filter(a -> !a.equalsIgnoreCase(mail.fromAddress())).findFirst().orElse(null);
        var body = mail.textBody() != null && !mail.textBody().isBlank() ? mail.textBody() : htmlToText(mail.htmlBody());
        return new TriageInput(mail.fromAddress(), mail.fromName(), replyTo, recipients, mail.subject(), body, mail.headers(),
                ownDomains, relationship, senderOverride, mail.attachmentNames());
    }

    /** Just enough HTML to text for phrase rules: never shown to anyone. */
    static String htmlToText(@Nullable String html) {
        if (html == null) {
            return "";
        }
        var text = SCRIPT_OR_STYLE.matcher(html).replaceAll(" ");
        text = BLOCK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll(" ");
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
