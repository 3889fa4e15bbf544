-- The board's Won and Lost columns and totals read what was closed in the last days: by closed_at, instead of
-- every closed opportunity (most of them, after a few years).
create index opportunities_closed_ix on opportunities (closed_at);
