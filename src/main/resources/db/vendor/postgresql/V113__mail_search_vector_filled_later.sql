-- The search vector is no longer computed inside the insert of a message: to_tsvector in the generated column
-- was about 85 % of the server's time for inserting an import's batch (10,000 rows of the import benchmark's
-- corpus: 1.4-1.9 s with the generated column, 0.2-0.27 s without it, at load 10). The column keeps its values
-- and its GIN index and becomes a plain one: a message stored alone (IMAP sync) gets its vector in the same
-- transaction, an import's batch right after its commit, in bulk, on another connection (SearchIndexer); a
-- message whose vector is still null (a crash in between) is found by the partial index and indexed by the
-- next sweep.
alter table messages alter column search_vector drop expression;

-- The same words as V110's generated column: subject, sender (name, address, and the address's parts) and
-- the start of the text, in the simple configuration.
create function mail_search_vector(subject text, from_name text, from_address text, text_body text)
    returns tsvector language sql immutable parallel safe as $$
    select to_tsvector('simple', subject || ' ' || coalesce(from_name, '') || ' ' || from_address || ' '
        || translate(from_address, '@.-_+', '     ') || ' ' || left(coalesce(text_body, ''), 100000))
$$;

create index messages_unindexed_ix on messages (id) where search_vector is null;
