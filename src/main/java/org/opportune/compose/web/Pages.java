package org.opportune.compose.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.opportune.compose.ReplyTemplateView;
import org.opportune.compose.Signatures;
import org.opportune.compose.TemplateVariable;

/** What the compose module's templates take. */
public final class Pages {

    private Pages() {
    }

    /**
     * A person's signature forms.
     *
     * @param error    the message for the form that was just submitted, keyed by mailbox id (0: the default)
     * @param typed    what was typed in that form, kept when it could not be saved
     */
    public record SignaturesPage(Signatures signatures, Map<Long, String> error, Map<Long, String> typed, int maxLength) {

        public String text(long mailboxId) {
            if (typed.containsKey(mailboxId)) {
                return typed.get(mailboxId);
            }
            return mailboxId == 0 ? signatures.personal() : signatures.forMailbox(mailboxId);
        }
    }

    /** The admin's list of templates and the mailboxes' footers. */
    public record TemplatesPage(List<ReplyTemplateView> templates, Signatures footers, Map<Long, String> footerErrors,
            List<TemplateVariable> variables) {
    }

    /** The form to add or edit a template. */
    public record TemplateFormPage(@Nullable Long id, String name, String subject, String body, Map<String, String> errors,
            List<TemplateVariable> variables) {

        public boolean creating() {
            return id == null;
        }

        public String action() {
            return id == null ? "/admin/replies/templates" : "/admin/replies/templates/" + id;
        }
    }
}
