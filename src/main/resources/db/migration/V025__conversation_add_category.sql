-- The triage category of each message, as the conversation module was told it (triage may finish
-- before or after threading), and the conversation's category: the most telling one of its messages,
-- the one with the lowest rank (triage ranks them: a buying signal outranks support, and so on).
create table conversation_message_categories (
    message_id bigint      not null primary key,
    category   varchar(20) not null,
    rank       integer     not null
);
alter table conversations add column category varchar(20);
create index conversations_category_ix on conversations (category, status, last_message_at);
