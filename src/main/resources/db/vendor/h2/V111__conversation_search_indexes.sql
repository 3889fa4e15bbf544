-- Nothing to do: H2 searches addresses with LIKE; PostgreSQL adds a full-text index (see its V111).
select 1;
