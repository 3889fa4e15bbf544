package org.opportune.mail;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The shared mailboxes: which addresses are ours and how to reach them. */
@Service
@Transactional
public class MailboxService {

    private final MailboxRepository mailboxes;
    private final Clock clock;

    MailboxService(MailboxRepository mailboxes, Clock clock) {
        this.mailboxes = mailboxes;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<MailboxView> mailboxes() {
        return mailboxes.findAll().stream().map(Mailbox::view).toList();
    }

    @Transactional(readOnly = true)
    public Optional<MailboxView> findByAddress(String address) {
        return mailboxes.findByAddress(address.strip().toLowerCase(Locale.ROOT)).map(Mailbox::view);
    }

    /** The mailbox of that address, created without a server connection if it does not exist yet (for imports). */
    public MailboxView ensureMailbox(String address) {
        return findByAddress(address).orElseGet(() -> mailboxes.save(Mailbox.addressOnly(address, clock)).view());
    }
}
