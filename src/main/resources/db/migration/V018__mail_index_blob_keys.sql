-- The orphan blob collector asks, for a few hundred blob keys at a time, which ones a row still
-- references; without these indexes every such question would scan the tables.
-- (quarantined_messages.raw_blob_key has its index since V015, outbox.raw_blob_key gets one in V034.)
create index messages_raw_blob_ix on messages (raw_blob_key);
create index attachments_blob_ix on attachments (blob_key);
