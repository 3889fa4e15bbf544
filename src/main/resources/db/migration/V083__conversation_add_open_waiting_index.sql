-- Waiting on us: open conversations the customer wrote last, except newsletters and auto-replies. With the
-- category in the index the view's count and its first page are read from the index alone, in order.
create index conversations_open_waiting_ix on conversations (status, waiting_on_us, last_message_at, category);
