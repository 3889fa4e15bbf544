-- Nothing to do: H2 has no partial indexes; PostgreSQL indexes the current stage history rows (see its V119).
select 1;
