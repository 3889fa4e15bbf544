-- The All open and Archived views walk one status newest first: with 180,000 archived conversations a sort
-- of the whole status took 100 ms; this index returns the first page in order (scanned backwards).
create index conversations_status_ix on conversations (status, last_message_at, id);
