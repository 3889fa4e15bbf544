-- Who works a conversation and whether it is done: one owner (claimed or assigned), open or archived,
-- and whether the customer wrote last (waiting on us). A new customer message reopens an archived one.
alter table conversations add column owner_id bigint;
alter table conversations add column status varchar(12) default 'open' not null;
alter table conversations add column archived_at timestamp with time zone;
alter table conversations add column last_inbound_at timestamp with time zone;
alter table conversations add column last_outbound_at timestamp with time zone;
alter table conversations add column waiting_on_us boolean default false not null;
create index conversations_work_ix on conversations (status, owner_id, last_message_at);
create index conversations_waiting_ix on conversations (waiting_on_us, status, last_message_at);
