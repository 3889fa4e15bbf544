-- Nothing to do: H2 searches messages with LIKE and has no search vector (see the PostgreSQL script of this version).
select 1;
