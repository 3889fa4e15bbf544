-- Nothing to do: on PostgreSQL serialized_event is text already (see the H2 script of this version).
select 1;
