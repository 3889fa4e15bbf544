-- The triage category of each message, as the conversation module heard it (triage may finish before
-- or after threading), and the conversation's category: the most telling one of its messages
-- (a buying signal outranks support, support outranks supplier, and so on; bulk mail ranks last).
create table conversation_message_categories (
    message_id bigint      not null primary key,
    category   varchar(20) not null
);
alter table conversations add column category varchar(20);
create index conversations_category_ix on conversations (category, status, last_message_at);
