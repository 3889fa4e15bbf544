-- Nothing to do: H2 searches messages with LIKE; PostgreSQL adds a full-text search column (see its V110).
select 1;
