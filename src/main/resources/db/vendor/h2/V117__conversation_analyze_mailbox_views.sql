-- Nothing to do: PostgreSQL analyzes conversation_mailboxes after V085 rewrote it (see its V117).
select 1;
