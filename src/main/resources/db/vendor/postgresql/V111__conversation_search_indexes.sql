-- Inbox search at scale on PostgreSQL: participants' addresses by full-text search, the same words as the
-- messages' search_vector (V110); an expression index, which ConversationInbox's query repeats exactly.
-- (Subjects need no index of their own: every message's subject is in its search_vector.) The analyses give
-- the planner the statistics of the new column and expression, so it picks the GIN indexes for rare words.
create index conversation_message_participants_search_ix on conversation_message_participants
    using gin (to_tsvector('simple', translate(address, '@.-_+', '     ')));
analyze messages;
analyze conversation_message_participants;
