-- Which mailboxes a conversation has messages in: what the inbox's mailbox filter reads. Kept by threading
-- (a message added, a message or a whole conversation moved by a split or a merge). Before, the filter probed
-- conversation_messages once per conversation, ten thousand times for a count in a small mailbox.
create table conversation_mailboxes (
    conversation_id bigint not null,
    mailbox_id      bigint not null,
    constraint conversation_mailboxes_pk primary key (conversation_id, mailbox_id),
    constraint conversation_mailboxes_conversation_fk foreign key (conversation_id) references conversations (id),
    constraint conversation_mailboxes_mailbox_fk foreign key (mailbox_id) references mailboxes (id)
);
create index conversation_mailboxes_mailbox_ix on conversation_mailboxes (mailbox_id, conversation_id);
insert into conversation_mailboxes (conversation_id, mailbox_id)
select distinct conversation_id, mailbox_id from conversation_messages;
