-- The board's Won and Lost columns show the most recently closed first (closed_at desc, id desc) among those
-- closed in the last 30 days: PostgreSQL walked every closed opportunity by closed_at and skipped the other
-- stage's (11,764 rows for 30 cards with 50,000 opportunities). Per stage, the first cards are the first rows.
create index opportunities_stage_closed_ix on opportunities (stage_key, closed_at, id);
