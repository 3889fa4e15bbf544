-- A message's addresses, attachments and mailbox links are written only by the mail module's MessageStore, in the
-- transaction that inserts the message, and messages are never deleted: the foreign keys to messages checked what
-- cannot happen, once a row. On PostgreSQL each check is a query of its own (a trigger's SELECT ... FOR KEY SHARE),
-- five or six a message, which took a quarter of the database's CPU in an import (ADR 0007). The link's key to
-- its mailbox stays, since a mailbox's row is what an admin works with.
alter table message_addresses drop constraint message_addresses_message_fk;
alter table attachments drop constraint attachments_message_fk;
alter table message_mailboxes drop constraint message_mailboxes_message_fk;
