package org.opportune.compose;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.opportune.compose.ComposeEvents.SignatureChanged;
import org.opportune.mail.MailboxService;
import org.opportune.shared.Actor;

/**
 * Signatures under replies. A person has a default and may set another one per mailbox (the mailbox's
 * one wins); an admin may set a footer per mailbox (a company line, a legal notice) that goes under
 * whatever the person's signature is. The reply form is pre-filled with the block for its mailbox,
 * below the usual "-- " line, so mail clients recognise and fold it. Every change is in the activity trail.
 */
@Service
@Transactional
public class SignatureService {

    public static final int MAX_LENGTH = 2000;
    /** The line mail clients recognise as the start of a signature: two dashes and a space. */
    public static final String SEPARATOR = "-- \n";

    private final SignatureStore store;
    private final MailboxService mailboxes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SignatureService(SignatureStore store, MailboxService mailboxes, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.mailboxes = mailboxes;
        this.events = events;
        this.clock = clock;
    }

    /** One person's signatures and the mailboxes they can write from. */
    @Transactional(readOnly = true)
    public Signatures signatures(long userId) {
        var own = new LinkedHashMap<>(store.ofUser(userId));
        var personal = own.remove(SignatureStore.ANY);
        return new Signatures(personal == null ? "" : personal, own, store.ofUser(SignatureStore.ANY), mailboxes.mailboxes());
    }

    /**
     * Sets a person's signature: their default ({@code mailboxId} 0) or the one for a mailbox. An empty
     * text removes it (for a mailbox: the default applies again).
     *
     * @throws SignatureException when the text is too long
     */
    public void setPersonal(Actor actor, long userId, long mailboxId, String text) {
        if (mailboxId != SignatureStore.ANY) {
            mailboxes.mailbox(mailboxId);
        }
        save(actor, userId, mailboxId, text, mailboxId == SignatureStore.ANY ? "personal" : "personal-mailbox");
    }

    /**
     * Sets the footer of a mailbox, which goes under everyone's signature when replying from it. An empty
     * text removes it. Only admins call this (the web layer checks).
     *
     * @throws SignatureException when the text is too long
     */
    public void setFooter(Actor actor, long mailboxId, String text) {
        mailboxes.mailbox(mailboxId);
        save(actor, SignatureStore.ANY, mailboxId, text, "mailbox-footer");
    }

    /**
     * What goes under a reply from each of these mailboxes for this person: {@value #SEPARATOR} with their
     * signature (the mailbox's own, or their default) and the mailbox's footer; empty when there is neither.
     */
    @Transactional(readOnly = true)
    public Map<Long, String> blocks(long userId, Collection<Long> mailboxIds) {
        var own = store.ofUser(userId);
        var footers = store.ofUser(SignatureStore.ANY);
        var blocks = new LinkedHashMap<Long, String>();
        for (var mailboxId : mailboxIds) {
            var personal = own.getOrDefault(mailboxId, own.getOrDefault(SignatureStore.ANY, ""));
            var footer = footers.getOrDefault(mailboxId, "");
            var text = personal.isEmpty() ? footer : footer.isEmpty() ? personal : personal + "\n\n" + footer;
            blocks.put(mailboxId, text.isEmpty() ? "" : SEPARATOR + text);
        }
        return blocks;
    }

    private void save(Actor actor, long userId, long mailboxId, String text, String scope) {
        var clean = clean(text);
        if (clean.length() > MAX_LENGTH) {
            throw new SignatureException("A signature can be at most " + MAX_LENGTH + " characters long; this one has "
                    + clean.length() + ".");
        }
        var before = store.find(userId, mailboxId).orElse("");
        if (before.equals(clean)) {
            return;
        }
        if (clean.isEmpty()) {
            store.delete(userId, mailboxId);
        } else {
            store.save(userId, mailboxId, clean, actor.name(), clock.instant());
        }
        events.publishEvent(new SignatureChanged(actor, userId, mailboxId, scope, before, clean));
    }

    /** Unix line ends, no trailing blanks, and no "-- " line of its own: the form puts that in. */
    static String clean(String text) {
        var lines = text.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
        if (lines.startsWith("--\n") || lines.startsWith(SEPARATOR)) {
            lines = lines.substring(lines.indexOf('\n') + 1);
        } else if (lines.equals("--") || lines.equals("-- ")) {
            lines = "";
        }
        return lines.replaceAll("(?m)[ \\t]+$", "").replaceAll("^\\n+", "");
    }
}
