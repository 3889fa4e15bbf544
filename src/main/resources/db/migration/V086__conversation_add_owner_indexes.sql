-- Unassigned and Mine are ordered by last message, then id: with the id in the index their first page is read
-- in order from it (before, PostgreSQL walked every open conversation by status and skipped the owned ones).
-- The review page counts the unassigned buying signals and the conversations waiting on a person or nobody:
-- with 200,000 conversations each count visited 3,500-3,800 table pages (about 3 ms each, twice per review);
-- with the category and the waiting flag in an index they are index-only counts.
create index conversations_owner_list_ix on conversations (status, owner_id, last_message_at, id);
drop index conversations_work_ix;
create index conversations_owner_category_ix on conversations (status, owner_id, category, waiting_on_us);
