package org.opportune.demo;

import java.util.List;

import org.opportune.compose.ReplyTemplateCommand;
import org.opportune.compose.ReplyTemplateService;
import org.opportune.compose.SignatureService;
import org.opportune.identity.Permission;
import org.opportune.identity.UserView;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;

/**
 * Gives the demo something to show in the reply form: a signature for each demo person who replies,
 * a footer on each mailbox, and two templates with variables. Only where there is none yet, so what
 * someone changed in the demo stays.
 */
class DemoReplies {

    private final SignatureService signatures;
    private final ReplyTemplateService templates;
    private final MailboxService mailboxes;

    DemoReplies(SignatureService signatures, ReplyTemplateService templates, MailboxService mailboxes) {
        this.signatures = signatures;
        this.templates = templates;
        this.mailboxes = mailboxes;
    }

    void ensure(List<UserView> users) {
        for (var user : users) {
            if (user.role().has(Permission.INBOX_WORK) && signatures.signatures(user.id()).personal().isEmpty()) {
                signatures.setPersonal(Actor.system(), user.id(), 0, user.displayName() + "\n" + user.role().label()
                        + ", Harbour Lane Interiors");
            }
        }
        var footers = signatures.signatures(0);
        for (var mailbox : mailboxes.mailboxes()) {
            if (footers.footer(mailbox.id()).isEmpty()) {
                signatures.setFooter(Actor.system(), mailbox.id(), "Harbour Lane Interiors · " + mailbox.address());
            }
        }
        if (templates.templates().isEmpty()) {
            templates.create(Actor.system(), new ReplyTemplateCommand("Thanks for your enquiry", null, """
                    Hello {{contact.first_name}},

                    thank you for your enquiry about {{opportunity.title}}. I'll get back to you with a quote for \
                    {{company.name}} within two working days.

                    Kind regards,
                    {{me.first_name}}"""));
            templates.create(Actor.system(), new ReplyTemplateCommand("Quote follow-up", null, """
                    Hello {{contact.first_name}},

                    did you have a chance to look at our quote? {{owner.first_name}} is happy to go through it \
                    with you on a short call.

                    Best wishes from {{mailbox.name}}"""));
        }
    }
}
