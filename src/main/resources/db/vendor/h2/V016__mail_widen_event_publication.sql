-- MessageReceived carries every participant and the References chain; on H2 the registry's
-- serialized_event column (varchar 4000) is too short for a long mailing-list thread.
-- PostgreSQL's column is text already.
alter table event_publication alter column serialized_event set data type varchar(1000000);
