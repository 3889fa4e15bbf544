-- The orphan blob collector asks which blob keys the outbox still references (see V018).
create index outbox_raw_blob_ix on outbox (raw_blob_key);
