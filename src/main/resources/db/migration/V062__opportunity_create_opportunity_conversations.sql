-- Conversations linked to an opportunity, any number. No foreign key to conversations: merging
-- two conversations deletes one, and the opportunity module moves its links when it hears of it.
create table opportunity_conversations (
    opportunity_id  bigint not null,
    conversation_id bigint not null,
    linked_at       timestamp with time zone not null,
    linked_by       bigint,
    constraint opportunity_conversations_pk primary key (opportunity_id, conversation_id),
    constraint opportunity_conversations_opportunity_fk foreign key (opportunity_id) references opportunities (id)
);
create index opportunity_conversations_conversation_ix on opportunity_conversations (conversation_id);
