-- V085 rewrote every row of conversation_mailboxes; until autovacuum gets to it the planner has no statistics
-- for the new columns and takes a bitmap scan of a whole mailbox for each capped count (20 ms instead of 0.5 ms
-- with 200,000 conversations). Analyzing here gives the per-mailbox views their index plans from the first request.
analyze conversation_mailboxes;
