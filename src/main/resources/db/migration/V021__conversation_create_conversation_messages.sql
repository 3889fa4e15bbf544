-- Which conversation each stored message is in. message_id is the mail module's message id; the
-- rest is copied from MessageReceived so that threading and the threads command need only this table.
create table conversation_messages (
    message_id        bigint primary key,
    conversation_id   bigint not null,
    message_id_header varchar(998) not null,
    subject           varchar(1000) not null,
    sent_at           timestamp with time zone not null,
    mailbox_id        bigint not null,
    from_address      varchar(254) not null,
    constraint conversation_messages_conversation_fk foreign key (conversation_id) references conversations (id),
    constraint conversation_messages_mailbox_fk foreign key (mailbox_id) references mailboxes (id)
);
create index conversation_messages_conversation_ix on conversation_messages (conversation_id, sent_at);
create index conversation_messages_mailbox_ix on conversation_messages (mailbox_id, conversation_id);
create index conversation_messages_header_ix on conversation_messages (message_id_header);

