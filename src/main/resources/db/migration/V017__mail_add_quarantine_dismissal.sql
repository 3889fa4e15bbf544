-- An admin may dismiss a quarantined message (spam, a known-broken export) with a reason, so the open
-- list can reach zero. The raw message stays in the blob store; a dismissal can be undone or retried.
alter table quarantined_messages add column dismiss_reason varchar(500);
alter table quarantined_messages add column dismissed_by varchar(100);
alter table quarantined_messages add column dismissed_at timestamp with time zone;
