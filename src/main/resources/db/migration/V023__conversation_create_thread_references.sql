-- Every Message-ID seen, as a message or only as a reference, and the conversation it belongs to.
-- A reply whose parent never arrived still links its siblings, and a late parent finds its replies.
-- The primary key is also what keeps two messages of one thread, threaded at the same time, from
-- starting two conversations: the second insert fails and threading retries.
create table thread_references (
    message_id_header varchar(998) not null,
    conversation_id   bigint       not null,
    constraint thread_references_pk primary key (message_id_header),
    constraint thread_references_conversation_fk foreign key (conversation_id) references conversations (id)
);
create index thread_references_conversation_ix on thread_references (conversation_id);
