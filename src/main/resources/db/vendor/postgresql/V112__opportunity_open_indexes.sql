-- Open opportunities are a small part of all of them once a few years of closed ones pile up. Partial
-- indexes over the open ones serve the board's totals (with the closed_at index of V082, as a BitmapOr) and
-- the review queues (stale: unchanged since; by owner) without reading the closed ones. H2 has no partial
-- indexes; its V112 does nothing.
create index opportunities_open_stage_ix on opportunities (stage_key, currency, value_amount) where outcome is null;
create index opportunities_open_updated_ix on opportunities (updated_at) where outcome is null;
create index opportunities_open_owner_ix on opportunities (owner_id, next_action_due) where outcome is null;
