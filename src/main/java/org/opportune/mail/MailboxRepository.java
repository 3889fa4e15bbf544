package org.opportune.mail;

import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;

interface MailboxRepository extends ListCrudRepository<Mailbox, Long> {

    Optional<Mailbox> findByAddress(String address);
}
