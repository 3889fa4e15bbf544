-- One app node syncs a mailbox at a time: it holds this row until expires_at and renews it.
create table mailbox_leases (
    mailbox_id  bigint       not null,
    node_id     varchar(64)  not null,
    expires_at  timestamp with time zone not null,
    constraint mailbox_leases_pk primary key (mailbox_id),
    constraint mailbox_leases_mailbox_fk foreign key (mailbox_id) references mailboxes (id)
);
