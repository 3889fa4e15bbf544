-- Every inbox search also looks for companies whose name contains the text (lower(name) like '%…%'): on
-- PostgreSQL that was a sequential scan of all companies on each search (10-30 ms with 20,000 of them). A
-- trigram GIN index on the same expression serves exactly that LIKE, so the matches do not change; texts of
-- fewer than three characters still scan. pg_trgm ships with PostgreSQL and is a trusted extension (a database
-- owner may create it); where it cannot be created the search keeps its scan and this migration does nothing.
-- The operator class is named with the extension's schema, which need not be on this schema's search path
-- (the extension is per database, and may have been created for another schema already).
do $$
declare
    trgm_schema name;
begin
    begin
        create extension if not exists pg_trgm;
    exception when others then
        raise notice 'pg_trgm is not available (%): company names are searched without an index', sqlerrm;
    end;
    select n.nspname into trgm_schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm';
    if trgm_schema is not null then
        execute format('create index if not exists companies_name_trgm_ix on companies using gin (lower(name) %I.gin_trgm_ops)',
                trgm_schema);
        execute 'analyze companies';
    end if;
end
$$;
