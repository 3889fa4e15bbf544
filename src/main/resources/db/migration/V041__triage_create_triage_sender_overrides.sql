-- "Remember for this sender": the category a person chose for every later message of that address.
create table triage_sender_overrides (
    sender_address varchar(320) not null primary key,
    category       varchar(20)  not null,
    created_by     varchar(200) not null,
    created_at     timestamp with time zone not null
);
