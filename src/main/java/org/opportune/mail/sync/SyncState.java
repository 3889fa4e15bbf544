package org.opportune.mail.sync;

/** What a folder's sync is doing right now. */
public enum SyncState {
    /** Waiting in IMAP IDLE for the server to report new mail. */
    IDLE,
    /** Waiting for the next poll (the server has no IDLE, or this folder is not the one idling). */
    POLLING,
    /** Fetching new messages. */
    SYNCING,
    /** The last attempt failed; waiting before the next one. */
    BACKOFF,
    /** Sync is turned off for the mailbox. */
    DISABLED
}
