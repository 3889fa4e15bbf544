-- The Sent folder copy of replies. mailboxes.sent_folder: the IMAP folder a sent reply is appended to
-- (null: none). On the outbox, appending is a step of its own after the SMTP send, retried with backoff
-- without sending again: append_status is null (nothing to append: no Sent folder when it was sent),
-- pending, appending (taken by a node until append_locked_until), appended or failed (gave up; a
-- person can retry), with the last reason in append_error.
alter table mailboxes add column sent_folder varchar(200);
alter table outbox add column append_status varchar(12);
alter table outbox add column append_attempts integer default 0 not null;
alter table outbox add column append_next_at timestamp with time zone;
alter table outbox add column append_locked_until timestamp with time zone;
alter table outbox add column append_error varchar(2000);
alter table outbox add column appended_at timestamp with time zone;
create index outbox_append_ix on outbox (append_status, append_next_at);
