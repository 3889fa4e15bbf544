-- Signatures under replies. One row per (person, mailbox): user_id 0 is the mailbox-wide footer an
-- admin sets, mailbox_id 0 is the person's default for every mailbox. Zero instead of null keeps the
-- primary key unique on both databases (PostgreSQL treats nulls in a unique key as distinct). The ids
-- are plain: users and mailboxes are other modules' tables, and a row of someone who left does no harm.
create table signatures (
    user_id    bigint        not null,
    mailbox_id bigint        not null,
    body       varchar(4000) not null,
    updated_by varchar(200)  not null,
    updated_at timestamp with time zone not null,
    primary key (user_id, mailbox_id)
);
