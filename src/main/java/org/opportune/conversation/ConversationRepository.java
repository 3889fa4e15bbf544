package org.opportune.conversation;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

interface ConversationRepository extends ListCrudRepository<Conversation, Long> {

    /**
     * Loads these conversations and locks their rows until the transaction ends, in id order (so that two
     * transactions cannot deadlock); one that does not exist (merged away) is left out.
     */
    @Query("select * from conversations where id in (:ids) order by id for update")
    List<Conversation> lockAndLoad(Collection<Long> ids);
}
