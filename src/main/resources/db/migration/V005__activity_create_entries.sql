-- The append-only activity trail. Each entry carries the SHA-256 of its content and of the entry
-- before it, so a changed, removed or inserted row breaks the chain. Nothing updates or deletes rows.
create table activity_entries (
    id           bigint       primary key,
    occurred_at  timestamp with time zone not null,
    actor_id     bigint,
    actor_name   varchar(120) not null,
    action       varchar(80)  not null,
    subject_type varchar(40)  not null,
    subject_id   varchar(120) not null,
    before_json  varchar(20000) not null,
    after_json   varchar(20000) not null,
    origin       varchar(64)  not null,
    prev_hash    char(64)     not null,
    hash         char(64)     not null
);
create index activity_entries_occurred_ix on activity_entries (occurred_at);
create index activity_entries_actor_ix on activity_entries (actor_name, id);
create index activity_entries_action_ix on activity_entries (action, id);
create index activity_entries_subject_ix on activity_entries (subject_type, subject_id, id);

-- One row: the end of the chain. Appends lock it, so concurrent appends (also from several nodes) queue up.
create table activity_chain_head (
    id        integer  primary key,
    last_id   bigint   not null,
    last_hash char(64) not null
);
insert into activity_chain_head (id, last_id, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
