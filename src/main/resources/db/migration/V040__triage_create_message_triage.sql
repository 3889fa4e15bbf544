-- The triage of each stored message: one row, written once by the classifier; a person's override
-- changes category (and records who and when), the classifier's explanation stays.
create table message_triage (
    message_id    bigint        not null primary key references messages (id),
    category      varchar(20)   not null,
    confidence    numeric(3, 2) not null,
    explanation   varchar(2000) not null,
    matched_rules varchar(2000) not null default '',
    classified_at timestamp with time zone not null,
    overridden_by varchar(200),
    overridden_at timestamp with time zone
);
create index message_triage_category_ix on message_triage (category, classified_at);
