-- Nothing to do: PostgreSQL adds a trigram index for the company-name search (see its V118); H2 keeps its scan,
-- with the same LIKE and so the same matches.
select 1;
