-- Every address in From, To, Cc and Reply-To of a message: the subject fallback needs a shared participant.
create table conversation_message_participants (
    message_id bigint       not null,
    address    varchar(254) not null,
    constraint conversation_message_participants_pk primary key (message_id, address),
    constraint conversation_message_participants_message_fk foreign key (message_id)
        references conversation_messages (message_id)
);
