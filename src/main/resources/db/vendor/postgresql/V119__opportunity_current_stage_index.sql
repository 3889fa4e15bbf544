-- The board reads when each of its cards entered its current stage (the history row not yet left): with 1-5
-- history rows per opportunity the index on opportunity_id visited every row of the 210 cards (504) and the
-- table for each. A partial index over the current rows only holds one row per opportunity.
create index opportunity_stage_history_current_ix on opportunity_stage_history (opportunity_id, entered_at)
    where left_at is null;
