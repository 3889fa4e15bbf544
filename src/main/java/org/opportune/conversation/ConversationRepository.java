package org.opportune.conversation;

import org.springframework.data.repository.ListCrudRepository;

interface ConversationRepository extends ListCrudRepository<Conversation, Long> {
}
