-- The review queues over everyone's open opportunities: overdue next actions (by due date) and
-- stale ones (not changed since a moment), without reading the whole table.
create index opportunities_due_ix on opportunities (next_action_due);
create index opportunities_updated_ix on opportunities (updated_at);
