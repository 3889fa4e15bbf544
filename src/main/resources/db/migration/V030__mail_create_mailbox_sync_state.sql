-- Where IMAP sync stands per mailbox and folder: UIDVALIDITY + last UID (never "unread"), and the
-- status admins see. Written only by the node that holds the mailbox's lease.
create table mailbox_sync_state (
    mailbox_id      bigint        not null,
    folder          varchar(255)  not null,
    uid_validity    bigint,
    last_uid        bigint        not null default 0,
    state           varchar(16)   not null,
    last_success_at timestamp with time zone,
    last_error      varchar(1000),
    messages_seen   bigint        not null default 0,
    updated_at      timestamp with time zone not null,
    constraint mailbox_sync_state_pk primary key (mailbox_id, folder),
    constraint mailbox_sync_state_mailbox_fk foreign key (mailbox_id) references mailboxes (id)
);
