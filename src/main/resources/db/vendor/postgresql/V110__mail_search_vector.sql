-- Inbox search at scale on PostgreSQL: full-text search instead of LIKE over a million messages. The
-- subject, the sender (name, the address as one word and its parts: anna.berger@bright-logistics.example
-- also as anna, berger, bright, logistics, example) and the start of the text, as words of the simple
-- configuration (no stemming: the mail is in many languages). The GIN index finds the messages with rare
-- words; the sent_at index walks the newest first for common ones. H2 keeps LIKE (see its V110).
alter table messages add column search_vector tsvector generated always as (
    to_tsvector('simple', subject || ' ' || coalesce(from_name, '') || ' ' || from_address || ' '
        || translate(from_address, '@.-_+', '     ') || ' ' || left(coalesce(text_body, ''), 100000))) stored;
create index messages_search_ix on messages using gin (search_vector);
create index messages_sent_at_ix on messages (sent_at);
